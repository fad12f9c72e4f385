#!/usr/bin/env bash
# CI for the Java driver (conformance/drivers/java/): java.util.concurrent on the machine image's
# JDK 17, built with javac alone. Runs its tests, then the driver under its profile, 3,000
# programs per primitive on a fixed seed (not with --no-profiles); every part is timed. Needs the
# built checker (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/part.sh
javac -version
java -version 2>&1 | head -1
part "Java build" conformance/drivers/java/build.sh
part "Java driver tests" npx vitest run --config vitest.drivers.config.ts test/java-driver.ci.ts
[ "${1:-}" = --no-profiles ] || part "Java driver, profile" node .ci/profiles.mjs java
