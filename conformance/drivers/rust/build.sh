#!/usr/bin/env bash
# Builds the Rust drivers offline from Debian's crate registry (.cargo/config.toml): the driver
# (target/release/toro-driver) and the kit (target/release/minimal).
set -euo pipefail
cd "$(dirname "$0")"
cargo build --offline --release --quiet
