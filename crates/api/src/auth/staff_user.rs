//! Staff and integration authentication: access JWTs (HS256 only, 15 minutes, every registered
//! claim required) and the `Staff` extractor that checks the token, then the account behind it in the handler's
//! own trip to the database.

use crate::db::staff;
use crate::db::{write_tx, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use shared_types::StaffRole;
use std::future::{ready, Ready};

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
            Err(forbidden())
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

fn forbidden() -> ApiError {
    ApiError::Forbidden("Only owners and admins can do that.".into())
}

/// A staff API request: its verified access token. Extracting it costs no database work (the
/// signature, issuer, audience and lifetime are checked in memory); `run` and `write` then check
/// that the account behind the token is still live and run the handler's work, on one pooled
/// connection in one trip to the blocking pool.
#[derive(Clone)]
pub struct Staff {
    state: web::Data<AppState>,
    claims: Claims,
    kind: ActorKind,
    admin_only: bool,
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
            return ready(Err(ApiError::Internal(anyhow::anyhow!("no app state"))));
        };
        // A missing or bad token is refused before the body is read or any work is done.
        let claims = bearer(req)
            .ok_or(ApiError::Unauthorized)
            .and_then(|token| {
                verify_access_token(&state.keys.staff_jwt, &state.config.public_origin, &token)
            })
            .and_then(|claims| match claims.kind.as_str() {
                "staff" => Ok((claims, ActorKind::Staff)),
                "api_key" => Ok((claims, ActorKind::ApiKey)),
                _ => Err(ApiError::Unauthorized),
            });
        ready(claims.map(|(claims, kind)| Staff {
            state,
            claims,
            kind,
            admin_only: false,
        }))
    }
}

impl Staff {
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The shared state itself, for work that outlives the request (a live stream).
    pub fn shared_state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// A staff user's live stream, opened with a ticket from `POST /api/v1/events/ticket`
    /// instead of a bearer token (a browser's `EventSource` cannot send headers). `run` still
    /// checks the account on each batch.
    pub fn from_stream_ticket(state: web::Data<AppState>, ticket: &str) -> ApiResult<Self> {
        let payload =
            crate::crypto::verify(&state.keys.live_ticket, ticket).ok_or(ApiError::Unauthorized)?;
        let mut parts = payload.splitn(3, ':');
        let (Some(sub), Some(org), Some(exp)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(ApiError::Unauthorized);
        };
        let exp: i64 = exp.parse().map_err(|_| ApiError::Unauthorized)?;
        let now = chrono::Utc::now().timestamp();
        if exp < now {
            return Err(ApiError::Unauthorized);
        }
        let claims = Claims {
            iss: state.config.public_origin.clone(),
            aud: AUDIENCE.to_owned(),
            sub: sub.to_owned(),
            exp,
            nbf: now,
            iat: now,
            jti: String::new(),
            org: org.to_owned(),
            role: StaffRole::Member,
            kind: "staff".to_owned(),
        };
        Ok(Staff {
            state,
            claims,
            kind: ActorKind::Staff,
            admin_only: false,
        })
    }

    pub fn now(&self) -> chrono::NaiveDateTime {
        self.state.now()
    }

    /// The organization the token was issued for (`run` checks the account still belongs to it).
    pub fn org_id(&self) -> &str {
        &self.claims.org
    }

    /// The role the token was issued with (`run` hands over the live one).
    pub fn role(&self) -> StaffRole {
        self.claims.role
    }

    /// 403 unless the caller is an owner or admin: checked now against the token, so nothing else
    /// is done for a caller who may not, and again against the live account in `run`.
    pub fn require_admin(mut self) -> ApiResult<Self> {
        if !self.claims.role.is_admin() {
            return Err(forbidden());
        }
        self.admin_only = true;
        Ok(self)
    }

    /// Checks that the account is still live and runs `f` with it, on one pooled connection in
    /// one blocking hop. A deactivated person or a revoked key loses access at once, not when the
    /// token expires.
    pub async fn run<T, F>(self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn, StaffUser) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let Staff {
            state,
            claims,
            kind,
            admin_only,
        } = self;
        state
            .db
            .run(move |conn| {
                let user = live(conn, claims, kind)?;
                if admin_only {
                    user.require_admin()?;
                }
                f(conn, user)
            })
            .await
    }

    /// `run` inside one write transaction.
    pub async fn write<T, F>(self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn, StaffUser) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn, user| write_tx(conn, move |conn| f(conn, user)))
            .await
    }

    /// Just the live account (one hop), for handlers whose work is not database work.
    pub async fn user(self) -> ApiResult<StaffUser> {
        self.run(|_, user| Ok(user)).await
    }
}

fn live(conn: &mut DbConn, claims: Claims, kind: ActorKind) -> ApiResult<StaffUser> {
    let org = &claims.org;
    let role = match kind {
        ActorKind::Staff => staff::by_id(conn, &claims.sub)?
            .filter(|s| s.active && &s.org_id == org)
            .map(|s| s.role()),
        ActorKind::ApiKey => staff::api_key_by_id(conn, &claims.sub)?
            .filter(|k| k.revoked_at.is_none() && &k.org_id == org)
            .map(|k| k.role),
    };
    Ok(StaffUser {
        role: role.ok_or(ApiError::Unauthorized)?,
        id: claims.sub,
        org_id: claims.org,
        kind,
    })
}
