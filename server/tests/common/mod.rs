// Shared by the server's host tests: the server over real HTTP on loopback, and a client that
// reads every status rather than failing on it.
#![allow(dead_code)]

use std::path::PathBuf;

use case_server::{app, Config};

/// The repository's root, where the shipped catalogs and the built widget are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A server running for as long as this lives, with the data folder it may own.
pub struct Server {
    pub url: String,
    _runtime: tokio::runtime::Runtime,
    _data: Option<tempfile::TempDir>,
}

impl Server {
    /// Serves `config`.
    pub fn start(config: &Config) -> Server {
        let (url, runtime) = serve(config);
        Server {
            url,
            _runtime: runtime,
            _data: None,
        }
    }

    /// Serves `config`, whose data is in `data`, removed when the server goes.
    pub fn with_data(config: &Config, data: tempfile::TempDir) -> Server {
        Server {
            _data: Some(data),
            ..Server::start(config)
        }
    }

    /// The address, as `host:port`.
    pub fn host(&self) -> &str {
        self.url.strip_prefix("http://").unwrap()
    }
}

/// Serves `config` on the port it names (0 for a free one); the runtime keeps it running.
pub fn serve(config: &Config) -> (String, tokio::runtime::Runtime) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(config.addr))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let metrics = std::sync::Arc::new(case_server::Metrics::default());
    let app = {
        let _inside = runtime.enter();
        app(config, metrics.clone()).unwrap()
    };
    let limits = config.limits.clone();
    runtime.spawn(case_server::serve::serve(
        listener,
        app,
        limits,
        metrics.open_connections.clone(),
        std::future::pending(),
    ));
    (url, runtime)
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

pub mod raw;
pub mod setup;
