//! `case-server`: the reference intake server; `case-server check-catalog` for catalog files and
//! `case-server catalog-schema` for their JSON Schema.
//! Its options are `case_server::USAGE`, printed by `--help` and on a wrong argument.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("check-catalog") {
        let strict = args.iter().any(|a| a == "--strict");
        let files: Vec<String> = args[1..]
            .iter()
            .filter(|a| *a != "--strict")
            .cloned()
            .collect();
        if files.is_empty() {
            eprintln!("{}", case_server::USAGE);
            return ExitCode::from(2);
        }
        let (report, all_fine) = case_server::check_catalogs(&files, strict);
        print!("{report}");
        return if all_fine {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    if args == ["--help"] || args == ["-h"] {
        println!("{}", case_server::USAGE);
        return ExitCode::SUCCESS;
    }
    if args == ["catalog-schema"] {
        print!("{}", case_core::schema::catalog_json());
        return ExitCode::SUCCESS;
    }
    let config = match case_server::Config::from_args(args.into_iter()) {
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
