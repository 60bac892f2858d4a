//! The `floe` binary: headless commands go to `floe::cli`; everything else opens the app.

use floe::cli;
#[cfg(feature = "gui")]
use floe::cli::Command;

fn main() {
    // `args_os`: a file name that is not UTF-8 is still a file name.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let command = match cli::parse_args(&args) {
        Ok(c) => c,
        Err(message) => {
            cli::eprint_line(&format!("floe: {message}\n\n{}", cli::USAGE));
            std::process::exit(cli::EXIT_BAD_INPUT);
        }
    };
    let code = match command {
        #[cfg(feature = "gui")]
        Command::App(path) => floe::app::launch(path),
        other => cli::execute(&other),
    };
    std::process::exit(code);
}
