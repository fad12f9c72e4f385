"""anyio's CapacityLimiter.acquire_nowait() on the trio backend raises trio.WouldBlock, not the
anyio.WouldBlock its documentation promises, so `except anyio.WouldBlock` does not catch it.

Found by toro-check through anyio_driver.py (docs/guides/trio-and-anyio.md); this shows it with
anyio alone. Fixed upstream by https://github.com/agronholm/anyio/pull/1218 ("Fixed
CapacityLimiter raising trio.WouldBlock instead of anyio.WouldBlock"); Debian bookworm's anyio
3.6.2 has the bug. anyio's Lock and Semaphore raise anyio.WouldBlock on both backends.

    /usr/bin/python3 anyio_capacity_limiter_wouldblock.py   # exit status 1 while the bug is there
"""

import sys

import anyio


async def main() -> bool:
    limiter = anyio.CapacityLimiter(1)
    await limiter.acquire()
    try:
        limiter.acquire_on_behalf_of_nowait("another borrower")
    except anyio.WouldBlock:
        print("acquire_nowait raised anyio.WouldBlock, as documented")
        return True
    except Exception as error:  # what the bug raises instead
        print(f"acquire_nowait raised {type(error).__module__}.{type(error).__name__}, not anyio.WouldBlock")
        return False
    print("acquire_nowait took a token that does not exist")
    return False


results = []
for backend in ("asyncio", "trio"):
    print(f"{backend}: ", end="")
    results.append(anyio.run(main, backend=backend))
sys.exit(0 if all(results) else 1)
