//! Accepting connections, with the limits a server facing the internet needs: a cap on open
//! connections, overall (kept below the process's open file limit) and per client; a deadline for
//! a request's head and a limit on its size; an idle timeout on request bodies (in the router,
//! see `lib.rs`); and a graceful shutdown that waits for requests under way, up to a deadline.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use prometheus_client::metrics::gauge::Gauge;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How many connections, how large and how slow their requests may be.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub max_connections_per_client: usize,
    /// How long a client may take to send a request's head (line and headers).
    pub header_timeout: Duration,
    /// The largest request head, in bytes.
    pub max_header_bytes: usize,
    /// How long requests under way may take to finish once the server is asked to stop.
    pub shutdown_deadline: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 1024,
            max_connections_per_client: 64,
            header_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
            shutdown_deadline: Duration::from_secs(10),
        }
    }
}

/// The client a connection counts against: its IPv4 address, or its IPv6 /64 network (one
/// household or server gets one of those).
pub fn client_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

/// The file descriptors this process may open, where the system says.
fn open_file_limit() -> Option<usize> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given and nothing else.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    ok.then_some(limit.rlim_cur as usize)
}

/// Open connections per client.
#[derive(Default)]
struct PerClient(Mutex<HashMap<IpAddr, usize>>);

impl PerClient {
    fn enter(self: &Arc<Self>, client: IpAddr, max: usize) -> Option<ClientSlot> {
        let mut counts = self.0.lock().ok()?;
        let count = counts.entry(client).or_default();
        if max > 0 && *count >= max {
            return None;
        }
        *count += 1;
        Some(ClientSlot(self.clone(), client))
    }
}

struct ClientSlot(Arc<PerClient>, IpAddr);

impl Drop for ClientSlot {
    fn drop(&mut self) {
        if let Ok(mut counts) = self.0 .0.lock() {
            if let Some(count) = counts.get_mut(&self.1) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(&self.1);
                }
            }
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets requests under way finish
/// for up to the deadline.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    open: Gauge,
    shutdown: impl Future<Output = ()>,
) {
    // Leaves room for the database, the files being written and the listener itself.
    let fd_room = open_file_limit().map_or(usize::MAX, |n| n.saturating_sub(32) / 2);
    let max = limits.max_connections.min(fd_room).max(4);
    // However few connections there are, no one client may take more than a quarter of them.
    let per_client_max = match limits.max_connections_per_client {
        0 => 0,
        n => n.min((max / 4).max(1)),
    };
    let connections = Arc::new(Semaphore::new(max));
    let per_client = Arc::new(PerClient::default());
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size((limits.max_header_bytes * 4).max(64 * 1024))
        .max_headers(100);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => permit.expect("never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(_) => {
                    // Out of file descriptors, or the peer gave up: try again shortly.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = per_client.enter(client_of(peer.ip()), per_client_max) else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = app
            .clone()
            .map_request(move |mut request: axum::http::Request<Incoming>| {
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(peer));
                request
            });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        let open = open.clone();
        open.inc();
        tokio::spawn(async move {
            let _ = connection.await;
            open.dec();
            drop((permit, slot));
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_deadline, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            deadline_seconds = limits.shutdown_deadline.as_secs(),
            "requests still under way at the shutdown deadline were cut off"
        );
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM can be watched");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// Middleware: a request whose headers add up to more than `max` bytes is refused with 431. (The
/// connection's read buffer bounds what one head may take before it gets here.)
pub async fn head_limit(
    axum::extract::State(max): axum::extract::State<usize>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let size: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum::<usize>()
        + request.uri().to_string().len();
    if size > max {
        use axum::response::IntoResponse;
        return (
            axum::http::StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            axum::Json(serde_json::json!({ "error": "head-too-large", "message": "The request's headers are too large." })),
        )
            .into_response();
    }
    next.run(request).await
}
