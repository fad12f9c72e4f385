//! The ports this driver runs, each a list of primitives by the models' names.

pub mod async_lock_port;
pub mod async_std_port;
pub mod tokio_port;

use crate::exec::Port;

/// A port: its name in `hello` (with the versions Cargo.lock pins), the crate a reproduction
/// depends on, and its primitives.
pub struct PortSet {
    pub name: &'static str,
    pub key: &'static str,
    pub primitives: Vec<Port>,
}

pub const NAMES: &[&str] = &["tokio", "async-lock", "async-std"];

pub fn port(name: &str) -> Option<PortSet> {
    Some(match name {
        "tokio" => PortSet { name: "tokio 1.24.2", key: "tokio", primitives: tokio_port::ports() },
        "async-lock" => PortSet { name: "async-lock 2.6.0", key: "async-lock", primitives: async_lock_port::ports() },
        "async-std" => PortSet { name: "async-std 1.12.0", key: "async-std", primitives: async_std_port::ports() },
        _ => return None,
    })
}
