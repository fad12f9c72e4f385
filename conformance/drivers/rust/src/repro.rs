//! Reproductions: placeholder until written.
use crate::ports::PortSet;
use serde_json::Value;
pub fn reproduce(_: &PortSet, _: bool, _: &Value) -> Result<Value, String> {
    Err("not yet".into())
}
