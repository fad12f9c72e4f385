#!/usr/bin/env bash
# CI for the Python drivers (conformance/drivers/*.py): Tornado, asyncio, trio and anyio, on the
# system Python with Debian's packages, installed here when missing. Runs their tests, then each
# driver under its profile, 3,000 programs per primitive on a fixed seed (not with --no-profiles);
# every part is timed. Needs the built checker (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/part.sh
if ! /usr/bin/python3 -c 'import tornado, trio, anyio' 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-tornado python3-trio python3-anyio >/dev/null
fi
/usr/bin/python3 -c 'import sys, tornado, trio, importlib.metadata as m; print("Python", sys.version.split()[0], "tornado", tornado.version, "trio", trio.__version__, "anyio", m.version("anyio"))'
part "Python driver tests" npx vitest run --config vitest.drivers.config.ts test/python-drivers.ci.ts test/trio-anyio-drivers.ci.ts
# Each driver under its profile, two at a time (`.ci/run` runs every language's together).
[ "${1:-}" = --no-profiles ] || part "Python drivers, profiles" node .ci/profiles.mjs python
