#!/usr/bin/env bash
# CI for the Python drivers (conformance/drivers/*.py): Tornado, asyncio, trio and anyio, on the
# system Python with Debian's packages, installed here when missing. Runs their tests, then each
# driver under its profile, 3,000 programs per primitive on a fixed seed; every part is timed.
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
if ! /usr/bin/python3 -c 'import tornado, trio, anyio' 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-tornado python3-trio python3-anyio >/dev/null
fi
/usr/bin/python3 -c 'import sys, tornado, trio, importlib.metadata as m; print("Python", sys.version.split()[0], "tornado", tornado.version, "trio", trio.__version__, "anyio", m.version("anyio"))'
part "Python driver tests" npx vitest run --config vitest.drivers.config.ts test/python-drivers.ci.ts test/trio-anyio-drivers.ci.ts
D=conformance/drivers
part "tornado, profile" npx tsx check/bin.ts --driver "/usr/bin/python3 $D/tornado_driver.py --profile" --runs 3000 --seed 10
part "asyncio, profile" npx tsx check/bin.ts --driver "/usr/bin/python3 $D/asyncio_driver.py --profile" --runs 3000 --seed 10
part "trio, profile" npx tsx check/bin.ts --driver "/usr/bin/python3 $D/trio_driver.py --profile" --runs 3000 --seed 10
part "trio StrictFIFOLock and CapacityLimiter, profile" npx tsx check/bin.ts --driver "/usr/bin/python3 $D/trio_driver.py --profile --lock StrictFIFOLock --semaphore CapacityLimiter" --primitive Lock,Semaphore --runs 3000 --seed 10
part "anyio, profile" npx tsx check/bin.ts --driver "/usr/bin/python3 $D/anyio_driver.py --profile" --runs 3000 --seed 10
part "anyio CapacityLimiter, profile" npx tsx check/bin.ts --driver "/usr/bin/python3 $D/anyio_driver.py --profile --semaphore CapacityLimiter" --primitive Semaphore --runs 3000 --seed 10
