#!/usr/bin/env bash
# CI for the Java driver (conformance/drivers/java/): java.util.concurrent on the machine image's
# JDK 17, built with javac alone. Runs its tests, then the driver under its profile, 3,000
# programs per primitive on a fixed seed; every part is timed.
set -euo pipefail
cd "$(dirname "$0")/.."
# Runs a part and says how long it took, and the CPU it used (on a shared machine the wall time
# is the load's as much as the part's): `part LABEL COMMAND...`.
part() {
  local label=$1
  shift
  local TIMEFORMAT="time: $label: %0R s (CPU: %0U s user, %0S s system)"
  time "$@"
}
javac -version
java -version 2>&1 | head -1
part "Java build" conformance/drivers/java/build.sh
part "Java driver tests" npx vitest run --config vitest.drivers.config.ts test/java-driver.ci.ts
part "java.util.concurrent, profile" npx tsx check/bin.ts --driver "conformance/drivers/java/driver --profile" --runs 3000 --seed 10
