// Shared by the server's host tests: the server over real HTTP on loopback, and a client that
// reads every status rather than failing on it.
#![allow(dead_code)]

use case_server::{app, Config};

/// Serves `config` on the port it names (0 for a free one); the runtime keeps it running.
pub fn serve(config: &Config) -> (String, tokio::runtime::Runtime) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(config.addr))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = {
        let _inside = runtime.enter();
        app(config).unwrap()
    };
    let limits = config.limits.clone();
    runtime.spawn(case_server::serve::serve(
        listener,
        app,
        limits,
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
