//! The path parameter of every route that addresses one resource by its id, as a type: the
//! handler takes it apart in its signature (`ApprovalId { id }: ApprovalId`) and the
//! OpenAPI document takes the parameter's name and description from here. Routes that address a
//! resource inside another (a client's contact, a project's task, an approval's comment) have
//! theirs beside their handlers (`staff::paths`, `portal::approval_responses::CommentPath`).

use serde::Deserialize;
use utoipa::IntoParams;

macro_rules! path_ids {
    ($($name:ident { $field:ident }: $description:literal;)*) => {$(
        #[doc = concat!("`{", stringify!($field), "}`: ", $description)]
        #[derive(Debug, Deserialize, IntoParams)]
        #[into_params(parameter_in = Path)]
        pub struct $name {
            #[doc = $description]
            pub $field: String,
        }
        crate::web::extract::from_path!($name);
    )*};
}

path_ids! {
    ApiKeyId { id }: "API key id";
    ApprovalId { id }: "Approval id";
    ClientId { id }: "Client id";
    FileId { id }: "File id";
    InvoiceId { id }: "Invoice id";
    MemberId { id }: "Staff member id";
    ProjectId { id }: "Project id";
    RequestId { id }: "Request id";
    SessionId { id }: "Session id";
    StageId { id }: "Stage id";
    AssetName { asset }: "`logo` or `favicon`";
}
