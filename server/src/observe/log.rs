//! The server's log: human-readable lines by default, JSON lines for log pipelines, filtered as
//! `RUST_LOG` says (`info` when it is unset). Nothing a customer typed or a secret ever goes in:
//! the request log writes paths without their query and codes rather than messages.

use tracing_subscriber::EnvFilter;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl std::str::FromStr for LogFormat {
    type Err = ();

    fn from_str(value: &str) -> Result<LogFormat, ()> {
        match value {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            _ => Err(()),
        }
    }
}

/// Installs the log for this process, panics included; a second call keeps the first.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal, not in a file or a pipeline.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false);
    let installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
    if installed.is_ok() {
        // A panic is one log line like any other, with the request it happened in.
        std::panic::set_hook(Box::new(|panic| {
            let message = panic
                .payload()
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| panic.payload().downcast_ref::<String>().map(String::as_str))
                .unwrap_or("");
            let location = panic
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            tracing::error!(panic = message, location, "panicked");
        }));
    }
}
