//! `case-server`: the reference intake server. See `server/README.md` for its flags.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match case_server::Config::from_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("case-server: {message}\n\n{}", case_server::USAGE);
            return ExitCode::from(2);
        }
    };
    match case_server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("case-server: {e}");
            ExitCode::FAILURE
        }
    }
}
