//! The `sala` command.
use server::cli;
use server::config::Config;

/// mimalloc returns freed memory to the system, so the server goes back down after building
/// a big event's documents instead of staying at its peak.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("sala: {msg}\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    let config = match Config::from_process_env() {
        Ok(c) => c,
        Err(err) => {
            eprintln!("sala: {err}");
            std::process::exit(2);
        }
    };
    if let Err(msg) = cli::run(command, config).await {
        eprintln!("sala: {msg}");
        std::process::exit(1);
    }
}
