//! Builds the application (state, workers, routes, middleware) and runs the HTTP server.

use crate::auth::origin::require_same_origin;
use crate::clock::Clock;
use crate::config::Config;
use crate::crypto::{load_secret, Keys};
use crate::db::Db;
use crate::mail::transport::Transport;
use crate::mail::worker;
use crate::state::AppState;
use crate::storage::Storage;
use crate::web::fallback::{self, ApiRoutes};
use crate::web::tagged::tagged;
use crate::web::{extract, headers, health, spa};
use crate::{media, openapi, portal, staff};
use actix_web::http::header;
use actix_web::middleware::{from_fn, Compress, DefaultHeaders};
use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::Context;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::Notify;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

/// A started server: where it listens, how to stop it, and its state (tests read the clock).
pub struct Running {
    pub addr: SocketAddr,
    pub server: actix_web::dev::Server,
    pub state: web::Data<AppState>,
}

/// Connects, migrates, loads the secret, starts the mail and media workers and binds the HTTP server.
/// The returned server must be awaited (or spawned) to serve.
pub async fn start(config: Config, clock: Arc<Clock>, workers: usize) -> anyhow::Result<Running> {
    let db = Db::connect(&config.database_url)?;
    db.migrate()?;
    let secret = load_secret(config.secret_key.as_deref(), &config.secret_key_path())?;
    let transport = Transport::from_url(&config.mail_url)?;
    let storage = Storage::from_url(&config.storage_url, &config.s3)?;
    if matches!(transport, Transport::Log) {
        tracing::warn!("ATRIUM_MAIL_URL=log: prints emails, sign-in links included, to the log; use it only in development");
    }
    let config = Arc::new(config);
    let state = web::Data::new(AppState {
        db,
        config: config.clone(),
        clock,
        keys: Keys::derive(&secret),
        mail_wake: Arc::new(Notify::new()),
        storage,
        media_wake: Arc::new(Notify::new()),
        live: crate::live::Live::new(config.live_streams_per_session, config.live_streams_max),
        fonts: Arc::new(crate::pdf::fonts::FontCache::new(config.font_dirs.clone())),
    });
    worker::spawn(state.clone().into_inner(), transport);
    media::worker::spawn(state.clone().into_inner());
    crate::notifier::spawn(state.clone().into_inner());

    let openapi_doc = openapi::document(&config);
    let api_routes = web::Data::new(ApiRoutes::from_document(&openapi_doc));
    let app_state = state.clone();
    let server = HttpServer::new(move || {
        let state = app_state.clone();
        let config = state.config.clone();
        // The documented routes; the document they also produce was built once, above.
        let (app, _) = App::new()
            .into_utoipa_app()
            .configure(api)
            .split_for_parts();
        app.app_data(state)
            .app_data(api_routes.clone())
            .app_data(extract::json_config())
            .app_data(extract::query_config())
            .app_data(extract::path_config())
            .wrap(headers::security_headers(config.public_is_https()))
            .wrap(from_fn(headers::request_id))
            // The OpenAPI document and its Swagger UI (vendored files, no inline script, so the
            // global CSP holds). The UI lives under `/api/docs/`; `/api/docs` redirects there.
            .service(
                SwaggerUi::new("/api/docs/{_:.*}")
                    .url("/api/openapi.json", openapi_doc.clone())
                    .config(swagger_config()),
            )
            .route("/api/docs", web::get().to(|| redirect("/api/docs/")))
            .route("/", web::get().to(|| redirect("/portal/")))
            .route("/portal", web::get().to(|| redirect("/portal/")))
            .route("/staff", web::get().to(|| redirect("/staff/")))
            .service(
                web::scope("/portal")
                    .app_data(web::Data::new(spa::SpaDir {
                        root: config.portal_dist.clone(),
                    }))
                    .wrap(Compress::default())
                    .route("/{tail:.*}", web::get().to(spa::serve)),
            )
            .service(
                web::scope("/staff")
                    .app_data(web::Data::new(spa::SpaDir {
                        root: config.staff_dist.clone(),
                    }))
                    .wrap(Compress::default())
                    .route("/{tail:.*}", web::get().to(spa::serve)),
            )
            .default_service(web::to(fallback::api_fallback))
    })
    .workers(workers)
    .shutdown_timeout(10)
    .bind(&config.bind)
    .with_context(|| format!("binding {}", config.bind))?;
    let addr = *server
        .addrs()
        .first()
        .context("the server bound no address")?;
    Ok(Running {
        addr,
        server: server.run(),
        state,
    })
}

/// Swagger UI settings: the document is ours, and nothing is fetched from elsewhere (no online
/// validator badge).
fn swagger_config() -> utoipa_swagger_ui::Config<'static> {
    utoipa_swagger_ui::Config::from("/api/openapi.json")
        .validator_url("none")
        .try_it_out_enabled(false)
}

/// Every documented route: each handler's `#[utoipa::path]` + actix method attribute is its one
/// declaration, and `service()` adds it to both the route table and the OpenAPI document.
pub fn api(cfg: &mut ServiceConfig) {
    let no_store = || DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store"));
    tagged(cfg, "health")
        .service(health::healthz)
        .service(health::readyz);
    tagged(cfg, "portal-auth").service(crate::portal::branding::get_domain_proof);
    cfg.service(
        scope("/portal/api")
            .wrap(from_fn(require_same_origin))
            .wrap(no_store())
            .configure(portal::configure)
            .default_service(web::to(fallback::api_fallback)),
    )
    .service(
        scope("/api/v1")
            .wrap(no_store())
            .configure(staff::configure)
            .default_service(web::to(fallback::api_fallback)),
    );
}

async fn redirect(to: &'static str) -> HttpResponse {
    HttpResponse::Found()
        .insert_header((header::LOCATION, to))
        .finish()
}
