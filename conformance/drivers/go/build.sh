#!/usr/bin/env bash
# Builds the Go driver offline: x/sync comes from Debian's golang-golang-x-sync-dev through the
# replace in go.mod, and no module is downloaded (GOPROXY=off).
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local
# Go needs a build cache; where HOME is not set (some CI shells), one in /tmp.
export GOCACHE="${GOCACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/go-build}"
# The driver, and the kit: the smallest driver, for a Lock (PROTOCOL.md, "Driver kits").
go build -o toro-driver .
go build -o toro-minimal ./kit
