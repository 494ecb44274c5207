//! The commands behind the `pith` binary. `main.rs` parses arguments into
//! these configurations and calls `run`; everything else happens here, so the
//! commands are usable (and tested) as library functions.

pub mod bench;
pub mod check;
pub mod clean;
pub mod eval;
pub mod gate;
mod progress;
pub mod stats;
mod units;

pub use units::Status;
