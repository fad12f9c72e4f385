module toro-ts/conformance/drivers/go

go 1.19

// Debian's golang-golang-x-sync-dev, used in place: nothing is downloaded (build.sh sets
// GOFLAGS=-mod=mod and GOPROXY=off).
require golang.org/x/sync v0.1.0

replace golang.org/x/sync => /usr/share/gocode/src/golang.org/x/sync
