//! The `floe` binary: headless commands go to `floe::cli`; everything else opens the app.

use floe::cli;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse_args(&args) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("floe: {message}\n\n{}", cli::USAGE);
            std::process::exit(cli::EXIT_BAD_INPUT);
        }
    };
    let code = match command {
        #[cfg(feature = "gui")]
        cli::Command::App(path) => floe::app::launch(path),
        other => cli::execute(&other),
    };
    std::process::exit(code);
}
