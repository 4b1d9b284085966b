//! Staff and integration authentication: access JWTs (HS256 only, 15 minutes, every registered
//! claim required) and the `StaffUser` extractor that checks the token and the account behind it.

use crate::db::staff;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use shared_types::StaffRole;

pub const AUDIENCE: &str = "atrium-staff";
pub const ACCESS_TTL_SECS: i64 = 15 * 60;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    pub jti: String,
    pub org: String,
    pub role: StaffRole,
    /// `staff` or `api_key`: what `sub` identifies.
    pub kind: String,
}

pub fn issue_access_token(
    key: &[u8],
    issuer: &str,
    subject: &str,
    org_id: &str,
    role: StaffRole,
    kind: &str,
) -> ApiResult<String> {
    let now = chrono::Utc::now().timestamp();
    let claims = Claims {
        iss: issuer.to_owned(),
        aud: AUDIENCE.to_owned(),
        sub: subject.to_owned(),
        exp: now + ACCESS_TTL_SECS,
        nbf: now,
        iat: now,
        jti: crate::db::new_id(),
        org: org_id.to_owned(),
        role,
        kind: kind.to_owned(),
    };
    encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(key),
    )
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("signing JWT: {e}")))
}

pub fn verify_access_token(key: &[u8], issuer: &str, token: &str) -> ApiResult<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(&[AUDIENCE]);
    validation.set_issuer(&[issuer]);
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    validation.validate_nbf = true;
    validation.leeway = 5;
    decode::<Claims>(token, &DecodingKey::from_secret(key), &validation)
        .map(|data| data.claims)
        .map_err(|_| ApiError::Unauthorized)
}

/// The authenticated caller of `/api/v1`: a staff member or an organization's API key.
#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: String,
    pub org_id: String,
    pub role: StaffRole,
    pub kind: ActorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Staff,
    ApiKey,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Staff => "staff",
            ActorKind::ApiKey => "api_key",
        }
    }
}

impl StaffUser {
    pub fn require_admin(&self) -> ApiResult<()> {
        if self.role.is_admin() {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "Only owners and admins can do that.".into(),
            ))
        }
    }

    /// The staff user id to record as creator, when the actor is a person.
    pub fn staff_id(&self) -> Option<&str> {
        (self.kind == ActorKind::Staff).then_some(self.id.as_str())
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

impl FromRequest for StaffUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let token = bearer(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?;
            let token = token.ok_or(ApiError::Unauthorized)?;
            let claims =
                verify_access_token(&state.keys.staff_jwt, &state.config.public_origin, &token)?;
            // The account must still exist and be live: a deactivated person or revoked key
            // loses access at once, not when the token expires.
            let kind = match claims.kind.as_str() {
                "staff" => ActorKind::Staff,
                "api_key" => ActorKind::ApiKey,
                _ => return Err(ApiError::Unauthorized),
            };
            let (sub, org) = (claims.sub.clone(), claims.org.clone());
            let live = state
                .db
                .run(move |conn| match kind {
                    ActorKind::Staff => Ok(staff::by_id(conn, &sub)?
                        .filter(|s| s.active && s.org_id == org)
                        .map(|s| s.role())),
                    ActorKind::ApiKey => Ok(staff::api_key_by_id(conn, &sub)?
                        .filter(|k| k.revoked_at.is_none() && k.org_id == org)
                        .map(|k| k.role)),
                })
                .await?;
            let role = live.ok_or(ApiError::Unauthorized)?;
            Ok(StaffUser {
                id: claims.sub,
                org_id: claims.org,
                role,
                kind,
            })
        })
    }
}
