//! The command line: every option `case-server` takes, read into a [`Config`], each value
//! checked before anything starts.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue};

use crate::observe::log::LogFormat;
use crate::{proxy, serve, token};

pub const USAGE: &str = "usage: case-server check-catalog FILE... [--strict]
       case-server catalog-schema
       case-server --help
       case-server [--addr 127.0.0.1:8080] [--data DIR] [--catalogs DIR] [--dist DIR]
                   [--cors-origin ORIGIN]... [--min-fill-seconds N]
                   [--identity-secret-file FILE [--require-identity]] [--no-spam-checks]
                   [--proxy PREFIX=URL]... [--proxy-allow \"METHOD /PATH\"]...
                   [--proxy-session-secret-file FILE]
                   [--proxy-session-header NAME | --proxy-session-cookie NAME]
                   [--proxy-authorization-file FILE] [--proxy-pass-authorization]
                   [--proxy-timeout-seconds N] [--proxy-rate-limit N]
                   [--max-connections N] [--max-connections-per-client N]
                   [--header-timeout-seconds N] [--body-idle-seconds N] [--shutdown-seconds N]
                   [--rate-limit N] [--upload-quota-mib N] [--upload-hours N]
                   [--stable-max-age-seconds N]
                   [--log-format text|json] [--metrics-addr 127.0.0.1:9090]
                   [--ready-min-free-mib N]
                   [--expose-cases] [--faults]

  --addr          where to listen (default 127.0.0.1:8080; port 0 picks a free port)
  --data          where cases and attachments are stored (default ./data)
  --catalogs      folder of catalog JSON files, by their id (default ./public/catalog)
  --dist          the built widget to serve under /case-widget/ and / (default ./dist)
  --cors-origin   an origin allowed to post cases from another site (repeatable)
  --min-fill-seconds  refuse a case sent sooner than this after its form token was issued,
                  as a bot would send it (default 3; 0 turns it off)
  --identity-secret-file  the secret the portal signs its customers' identities with: a case
                  sent with `Authorization: Bearer TOKEN` is filed with the plan, name, e-mail,
                  accounts and entitlements the token signs, not those the case says (a token
                  needs aud \"case-widget/identity\", plan, name, email and an exp within a day)
  --require-identity  refuse cases without a valid signed identity (401)
  --no-spam-checks  DEMOS AND TESTS ONLY: take cases without a valid form token
  --proxy         pass requests under PREFIX on to URL, e.g. /REST/2.0/=http://127.0.0.1:9311/REST/2.0/
                  for a helpdesk on this origin, as a portal's reverse proxy would (repeatable)
  --proxy-allow   a request the proxies pass on, as method and exact path, e.g.
                  \"POST /REST/2.0/ticket\" (repeatable; nothing else is passed on); no query
                  string unless the path ends in ?NAME&NAME (only those parameters) or ? (any)
  --proxy-session-secret-file  the secret the portal signs its session proofs with (HS256
                  tokens with aud \"case-widget/session\" and an exp within a day; not the
                  identity secret); requests without a valid proof are refused with 401
  --proxy-session-header  the header the page carries the proof in (default X-Portal-Session)
  --proxy-session-cookie  or the cookie the portal keeps it in
  --proxy-without-session  TESTS ONLY: pass requests on without a session proof
  --demo-sign-in  DEMO ONLY: GET /demo/sign-in hands out the session cookie
                  (--proxy-session-cookie) to anyone who asks, then opens the RT demo page
                  (?page=redmine: the Redmine one)
  --proxy-authorization-file  an Authorization header value (e.g. `token …`) the proxies add
                  to requests: the portal's own credential, kept on the server
  --proxy-pass-authorization  pass the page's own Authorization on instead (off by default: a
                  page's header is dropped)
  --proxy-rate-limit  proxied requests a minute per client; beyond, 429 with Retry-After
                  (default 60; 0 turns it off)
  --proxy-timeout-seconds  how long the backend may take to answer, and a body may stay idle
                  (default 60)
  --max-connections  connections open at once (default 1024, kept below the open file limit)
  --max-connections-per-client  from one address, or one IPv6 /64 (default 64; 0 for no limit,
                  e.g. behind a reverse proxy, where every client has the proxy's address)
  --header-timeout-seconds  how long a request's head may take to arrive (default 10)
  --body-idle-seconds  how long a request body may send nothing (default 20)
  --shutdown-seconds  on Ctrl-C or SIGTERM, how long requests under way may take (default 10)
  --rate-limit    case, upload and form token requests a minute per client; beyond, 429 with
                  Retry-After (default 60; 0 turns it off)
  --upload-quota-mib  bytes of files one client may have uploaded and not yet claimed by a
                  case (default 100)
  --upload-hours  how long an uploaded file waits for its case before it is removed (default 1)
  --stable-max-age-seconds  how long browsers may use the widget's files without a hash in their
                  name (its loader case-widget.js, pages, catalogs, profiles) before asking again:
                  how soon a release reaches returning visitors (default 300)
  --log-format    one line per request, start-up and shutdown on standard error, as text
                  (default) or JSON lines; RUST_LOG filters them (default info)
  --metrics-addr  serve Prometheus metrics at /metrics on this address (port 0 picks a free
                  port), apart from the public one (default: no metrics)
  --ready-min-free-mib  GET /readyz answers 503 while the data folder's disk has less free
                  (default 64)
  --expose-cases  serve GET /api/cases and /api/cases/{id}, for demos and tests only
  --faults        serve POST /api/_faults, which makes the next case requests fail on purpose
                  (tests only; see server/src/faults.rs)

  check-catalog   say everything wrong with catalog files, each problem with where it is;
                  exits 1 when any file has an error (with --strict, a warning too)
  catalog-schema  print the JSON Schema of a catalog, as in docs/catalog.schema.json";

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub data: PathBuf,
    pub catalogs: PathBuf,
    pub dist: PathBuf,
    pub cors_origins: Vec<String>,
    pub expose_cases: bool,
    pub faults: bool,
    pub min_fill_ms: u64,
    /// Cases need a valid form token (`GET /api/form-token`).
    pub spam_checks: bool,
    /// Checks the customers' signed identities.
    pub identity_secret: Option<token::Secret>,
    /// Cases need a signed identity.
    pub require_identity: bool,
    pub proxies: Vec<proxy::Proxy>,
    pub proxy_allowed: Vec<proxy::Allowed>,
    pub proxy_session: Option<proxy::Session>,
    pub proxy_without_session: bool,
    pub proxy_authorization: Option<HeaderValue>,
    /// Whether the page's own `Authorization` is passed on.
    pub proxy_pass_authorization: bool,
    /// Proxied requests a minute per client; 0 for no limit.
    pub proxy_rate_limit: u32,
    pub proxy_timeout: Duration,
    pub demo_sign_in: bool,
    pub limits: serve::Limits,
    /// How long a request body may send nothing before the request fails.
    pub body_idle: Duration,
    /// Case, upload and form token requests a minute per client; 0 for no limit.
    pub rate_limit: u32,
    /// Bytes one client may keep uploaded and unclaimed.
    pub upload_quota: u64,
    /// How long an unclaimed upload is kept.
    pub upload_ttl: Duration,
    /// Seconds the files without a content hash in their name may be kept (`Cache-Control`).
    pub stable_max_age: u64,
    pub log_format: LogFormat,
    /// Where `/metrics` is served, apart from the public address.
    pub metrics_addr: Option<SocketAddr>,
    /// Free MiB on the data folder's disk below which the server is not ready.
    pub ready_min_free_mib: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data: "data".into(),
            catalogs: "public/catalog".into(),
            dist: "dist".into(),
            cors_origins: Vec::new(),
            expose_cases: false,
            faults: false,
            min_fill_ms: 3000,
            spam_checks: true,
            identity_secret: None,
            require_identity: false,
            proxies: Vec::new(),
            proxy_allowed: Vec::new(),
            proxy_session: None,
            proxy_without_session: false,
            proxy_authorization: None,
            proxy_pass_authorization: false,
            proxy_rate_limit: 60,
            proxy_timeout: Duration::from_secs(60),
            demo_sign_in: false,
            limits: serve::Limits::default(),
            body_idle: Duration::from_secs(20),
            rate_limit: 60,
            upload_quota: 100 * 1024 * 1024,
            upload_ttl: Duration::from_secs(3600),
            stable_max_age: 300,
            log_format: LogFormat::Text,
            metrics_addr: None,
            ready_min_free_mib: 64,
        }
    }
}

/// What the command line gives that is checked once every option is read.
#[derive(Default)]
struct Pending {
    session_secret: Option<token::Secret>,
    proof_in: Option<proxy::ProofIn>,
}

impl Config {
    /// Reads the command line; any value that is wrong stops the server with a message naming
    /// the option and the value.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Config, String> {
        let mut config = Config::default();
        let mut pending = Pending::default();
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            if config.switch(&flag) {
                continue;
            }
            let value = args.next().ok_or(format!("{flag} needs a value"))?;
            config.option(&mut pending, &flag, &value)?;
        }
        config.finish(pending)
    }

    /// Turns on the switch `flag`; whether it is one.
    fn switch(&mut self, flag: &str) -> bool {
        let on = match flag {
            "--proxy-without-session" => &mut self.proxy_without_session,
            "--proxy-pass-authorization" => &mut self.proxy_pass_authorization,
            "--demo-sign-in" => &mut self.demo_sign_in,
            "--require-identity" => &mut self.require_identity,
            "--expose-cases" => &mut self.expose_cases,
            "--faults" => &mut self.faults,
            "--no-spam-checks" => {
                self.spam_checks = false;
                return true;
            }
            _ => return false,
        };
        *on = true;
        true
    }

    /// Sets the option `flag` to `value`, checked.
    fn option(&mut self, pending: &mut Pending, flag: &str, value: &str) -> Result<(), String> {
        if self.number(flag, value)? {
            return Ok(());
        }
        let bad = |why: &str| format!("{flag} {value:?}: {why}");
        match flag {
            "--addr" => {
                self.addr = value
                    .parse()
                    .map_err(|_| bad("not an address and port, e.g. 127.0.0.1:8080"))?
            }
            "--data" => self.data = folder(flag, value, false)?,
            "--catalogs" => self.catalogs = folder(flag, value, true)?,
            "--dist" => self.dist = folder(flag, value, true)?,
            "--cors-origin" => self
                .cors_origins
                .push(origin(value).map_err(|why| bad(&why))?),
            "--proxy" => self.proxies.push(proxy::Proxy::parse(value)?),
            "--proxy-allow" => self.proxy_allowed.push(proxy::Allowed::parse(value)?),
            "--proxy-session-secret-file" => pending.session_secret = Some(secret(flag, value)?),
            "--identity-secret-file" => self.identity_secret = Some(secret(flag, value)?),
            "--proxy-session-header" => {
                let name = value.parse().map_err(|_| bad("not a header name"))?;
                pending.proof_in = Some(proxy::ProofIn::Header(name));
            }
            "--proxy-session-cookie" => {
                if value.is_empty()
                    || !value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
                {
                    return Err(bad("not a cookie name"));
                }
                pending.proof_in = Some(proxy::ProofIn::Cookie(value.to_owned()));
            }
            "--proxy-authorization-file" => {
                let text = std::fs::read_to_string(value).map_err(|e| bad(&e.to_string()))?;
                let text = text.trim();
                if text.is_empty() {
                    return Err(bad("the file is empty"));
                }
                self.proxy_authorization =
                    Some(text.parse().map_err(|_| bad("not a header value"))?);
            }
            "--log-format" => {
                self.log_format = value.parse().map_err(|_| bad("expected text or json"))?
            }
            "--metrics-addr" => {
                self.metrics_addr = Some(
                    value
                        .parse()
                        .map_err(|_| bad("not an address and port, e.g. 127.0.0.1:9090"))?,
                )
            }
            "--min-fill-seconds" => {
                let seconds = value
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && (0.0..=3600.0).contains(s))
                    .ok_or_else(|| bad("expected seconds from 0 to 3600, e.g. 3 or 1.5"))?;
                self.min_fill_ms = (seconds * 1000.0) as u64;
            }
            other => return Err(format!("unknown argument {other}")),
        }
        Ok(())
    }

    /// Sets the numeric option `flag` to `value`, checked; whether it is one.
    fn number(&mut self, flag: &str, value: &str) -> Result<bool, String> {
        let limits = &mut self.limits;
        match flag {
            "--max-connections" => limits.max_connections = whole(flag, value, 1..=1_000_000)?,
            "--max-connections-per-client" => {
                limits.max_connections_per_client = whole(flag, value, 0..=1_000_000)?
            }
            "--header-timeout-seconds" => limits.header_timeout = seconds(flag, value)?,
            "--shutdown-seconds" => limits.shutdown_deadline = seconds(flag, value)?,
            "--body-idle-seconds" => self.body_idle = seconds(flag, value)?,
            "--proxy-timeout-seconds" => self.proxy_timeout = seconds(flag, value)?,
            "--rate-limit" => self.rate_limit = whole(flag, value, 0..=1_000_000)?,
            "--proxy-rate-limit" => self.proxy_rate_limit = whole(flag, value, 0..=1_000_000)?,
            "--upload-quota-mib" => {
                self.upload_quota = whole::<u64>(flag, value, 1..=1024 * 1024)? * 1024 * 1024
            }
            "--upload-hours" => {
                self.upload_ttl =
                    Duration::from_secs(whole::<u64>(flag, value, 1..=24 * 366)? * 3600)
            }
            "--stable-max-age-seconds" => {
                self.stable_max_age = whole(flag, value, 0..=365 * 24 * 3600)?
            }
            "--ready-min-free-mib" => {
                self.ready_min_free_mib = whole(flag, value, 0..=1024 * 1024)?
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Checks the options together, once all are read.
    fn finish(self, pending: Pending) -> Result<Config, String> {
        let mut config = self;
        let switches = [
            ("--expose-cases", config.expose_cases),
            ("--faults", config.faults),
            ("--demo-sign-in", config.demo_sign_in),
            ("--proxy-without-session", config.proxy_without_session),
        ];
        if let Some((switch, _)) = switches.iter().find(|(_, on)| *on) {
            if !config.addr.ip().is_loopback() {
                return Err(format!(
                    "{switch} is for demos and tests on this machine only: listen on a loopback address, e.g. --addr 127.0.0.1:8080"
                ));
            }
        }
        if config.require_identity && config.identity_secret.is_none() {
            return Err("--require-identity needs --identity-secret-file".into());
        }
        if let (Some(identity), Some(session)) = (&config.identity_secret, &pending.session_secret)
        {
            if identity.same_as(session) {
                return Err("--identity-secret-file and --proxy-session-secret-file hold the same secret: give each its own, so that a session proof can never pass for a customer's identity".into());
            }
        }
        // Nor may the portal's secrets be the one this server signs its form tokens with.
        let form_key = config.data.join("form-token.key");
        if let Ok(form) = token::Secret::from_file(&form_key.to_string_lossy()) {
            let given = [
                ("--identity-secret-file", &config.identity_secret),
                ("--proxy-session-secret-file", &pending.session_secret),
            ];
            for (flag, secret) in given {
                if secret.as_ref().is_some_and(|s| s.same_as(&form)) {
                    return Err(format!("{flag} holds the same secret as this server's own form token key {}: give the portal a secret of its own", form_key.display()));
                }
            }
        }
        if let Some(secret) = pending.session_secret {
            let proof_in =
                pending
                    .proof_in
                    .unwrap_or(proxy::ProofIn::Header(HeaderName::from_static(
                        "x-portal-session",
                    )));
            config.proxy_session = Some(proxy::Session { secret, proof_in });
        } else if pending.proof_in.is_some() {
            return Err(
                "--proxy-session-header and -cookie need --proxy-session-secret-file".into(),
            );
        }
        let cookie = matches!(
            &config.proxy_session,
            Some(proxy::Session {
                proof_in: proxy::ProofIn::Cookie(_),
                ..
            })
        );
        if config.demo_sign_in && !cookie {
            return Err("--demo-sign-in needs --proxy-session-cookie".into());
        }
        if !config.proxies.is_empty() {
            if config.proxy_allowed.is_empty() {
                return Err("--proxy needs --proxy-allow for each request it may pass on".into());
            }
            if config.proxy_session.is_none() && !config.proxy_without_session {
                return Err(
                    "--proxy needs --proxy-session-secret-file: it passes requests on only for the portal's signed-in customers".into(),
                );
            }
        }
        Ok(config)
    }
}

/// A whole number in `range`.
fn whole<T>(flag: &str, value: &str, range: std::ops::RangeInclusive<T>) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    match value.parse::<T>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(format!(
            "{flag} {value:?}: expected a whole number from {} to {}",
            range.start(),
            range.end()
        )),
    }
}

/// A positive number of seconds, at most an hour.
fn seconds(flag: &str, value: &str) -> Result<Duration, String> {
    whole(flag, value, 1..=3600).map(Duration::from_secs)
}

/// A folder: one that exists when `existing`, else anything but a file.
fn folder(flag: &str, value: &str, existing: bool) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_dir() => Ok(path),
        Ok(_) => Err(format!("{flag} {value:?}: not a folder")),
        Err(e) if existing || e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{flag} {value:?}: {e}"))
        }
        Err(_) => Ok(path),
    }
}

/// A shared secret read from a file.
fn secret(flag: &str, path: &str) -> Result<token::Secret, String> {
    token::Secret::from_file(path).map_err(|e| format!("{flag} {path:?}: {e}"))
}

/// A web origin as a browser sends it: `https://host[:port]`, nothing more.
fn origin(value: &str) -> Result<String, String> {
    if value == "*" {
        return Err("any origin cannot be allowed: cases are posted with the customer's credentials; name each portal's origin, e.g. https://portal.example.com".into());
    }
    let expected =
        "expected an origin such as https://portal.example.com (scheme, host and port only)";
    let uri: axum::http::Uri = value.parse().map_err(|_| expected.to_owned())?;
    let plain = matches!(uri.scheme_str(), Some("http" | "https"))
        && uri
            .authority()
            .is_some_and(|a| !a.host().is_empty() && !a.as_str().contains('@'))
        && uri
            .path_and_query()
            .is_none_or(|p| p.as_str() == "/" && !value.ends_with('/'))
        && HeaderValue::from_str(value).is_ok();
    if !plain {
        return Err(expected.into());
    }
    Ok(value.to_owned())
}
