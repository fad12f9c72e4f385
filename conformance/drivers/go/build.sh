#!/usr/bin/env bash
# Builds the Go driver offline: x/sync comes from Debian's golang-golang-x-sync-dev through the
# replace in go.mod, and no module is downloaded (GOPROXY=off).
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local
go build -o toro-driver .
go build -o toro-minimal ./kit
