//! A module's routes registered under the one OpenAPI tag they share, so that no operation
//! repeats it: `tagged(cfg, "approvals").routes(approvals::routes)`, where each handler module lists
//! its routes in a `routes` function.

use actix_web::dev::{AppService, HttpServiceFactory};
use utoipa::openapi::path::Paths;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::OpenApiFactory;

/// Registers routes in `cfg` with `tag` on each of their operations.
pub fn tagged<'c, 's>(cfg: &'c mut ServiceConfig<'s>, tag: &'static str) -> Tagged<'c, 's> {
    Tagged { cfg, tag }
}

pub struct Tagged<'c, 's> {
    cfg: &'c mut ServiceConfig<'s>,
    tag: &'static str,
}

impl Tagged<'_, '_> {
    /// Adds one route (a handler declared with `#[utoipa::path]` and its method attribute) to the
    /// route table and, under this tag, to the document.
    pub fn service<F>(&mut self, route: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static,
    {
        self.cfg.service(WithTag {
            tag: self.tag,
            route,
        });
        self
    }

    /// Adds a module's routes (its `routes` function), in their order.
    pub fn routes(&mut self, routes: fn(&mut Tagged)) -> &mut Self {
        routes(self);
        self
    }
}

struct WithTag<F> {
    tag: &'static str,
    route: F,
}

impl<F: HttpServiceFactory> HttpServiceFactory for WithTag<F> {
    fn register(self, config: &mut AppService) {
        self.route.register(config)
    }
}

impl<F: OpenApiFactory> OpenApiFactory for WithTag<F> {
    fn paths(&self) -> Paths {
        let mut paths = self.route.paths();
        for item in paths.paths.values_mut() {
            for (_, op) in crate::openapi::operations_mut(item) {
                op.tags = Some(vec![self.tag.to_owned()]);
            }
        }
        paths
    }

    fn schemas(&self, schemas: &mut Vec<(String, RefOr<Schema>)>) {
        self.route.schemas(schemas)
    }
}
