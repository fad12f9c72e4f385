"""The part of the toro-check driver protocol (conformance/PROTOCOL.md) that every Python driver
shares, whatever runs its port: reading and writing messages, and writing a reproduction.

A reproduction is the answer to `reproduce`: a standalone program that runs the shrunk program on
the port alone and compares it with what the model says. For a Python driver it is `repro.py`
and, copied beside it unchanged, the modules that run the port: the driver's own file (its port
table; its protocol loop runs only as `__main__`), the runner it imports, and trace_lines.py.
Nothing in them speaks the protocol or reads JSON.
"""

import json
import os
import sys
from typing import Iterator

PROTOCOL = 1
HERE = os.path.dirname(os.path.abspath(__file__))


def send(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def messages() -> Iterator[dict]:
    """The checker's messages, one per line of standard input, until it closes it."""
    for line in sys.stdin:
        if line.strip():
            yield json.loads(line)


def hello(name: str, primitives: dict) -> dict:
    """The first message: the port, the primitives it declares, and that it writes reproductions."""
    return {"type": "hello", "protocol": PROTOCOL, "name": name, "primitives": primitives, "reproduce": True}


def show_program(program: dict) -> str:
    """A program as the checker prints it (check/program.ts's showProgram)."""

    def action(a: dict) -> str:
        if "abort" in a:
            return f"abort(s{a['abort']})"
        if "advance" in a:
            return f"advance({a['advance']})"
        args = []
        if "weight" in a:
            args.append(f"weight {a['weight']}")
        if "key" in a:
            args.append(f"key {a['key']}")
        if "n" in a:
            args.append(str(a["n"]))
        if a.get("immediate"):
            args.append("immediate")
        options = []
        if "timeout" in a:
            options.append(f"timeout: {a['timeout']}")
        if "signal" in a:
            options.append(f"signal: s{a['signal']}")
        if options:
            args.append("{ " + ", ".join(options) + " }")
        on = f" on #{a['on']}" if "on" in a else ""
        return f"#{a['id']} {a['call']}({', '.join(args)}){on}"

    params = ", ".join(f"{k}: {v}" for k, v in program["params"].items())
    head = f"new {program['primitive']}({'{ ' + params + ' }' if params else ''})"
    return "\n".join([head] + [f"  tick {i + 1}: {'; '.join(action(a) for a in tick)}" for i, tick in enumerate(program["ticks"])])


REPRO = '''"""{name} disagrees with the toro-ts model of {primitive}: a standalone reproduction.

Rule broken: {rule}. Tick {tick}: {summary}.
  model:          {expected}
  implementation: {actual}

The program:
{program}

It runs the port alone: {driver} here is the driver's port table (its protocol loop runs only
when it is the main program) and {runner} its runner, copied unchanged; no checker, no JSON.
It prints what happens, then the first line where the toro-ts model says otherwise.
Run it: {run}   (exit status 1 while the difference is there)
"""

import sys

from trace_lines import trace_lines
from {module} import trace_of

PROGRAM = {program_literal}
OPTIONS = {options}
# What the toro-ts model says, line by line.
EXPECTED = {expected_lines}

actual = trace_lines(trace_of(PROGRAM, {argv}), **OPTIONS)
for line in actual:
    print(line)
first = next((i for i, line in enumerate(actual) if i >= len(EXPECTED) or line != EXPECTED[i]), None)
if first is None and len(actual) == len(EXPECTED):
    print("\\nThis agrees with the toro-ts model.")
else:
    at = len(actual) if first is None else first
    print("\\nThe toro-ts model says instead:\\n" + (EXPECTED[at] if at < len(EXPECTED) else "(nothing more)"))
    sys.exit(1)
'''


def reproduction(message: dict, name: str, driver: str, runner: str, argv: list, declared: dict) -> dict:
    """The answer to a `reproduce` message for a driver in this folder.

    `driver` and `runner` are file names here (`trio_driver.py`, `trio_common.py`); `argv` the
    driver's options that change how the port is run; `declared` the hello entries of its
    primitives, as sent (their observers and choices decide what the reproduction prints).
    """
    from trace_lines import trace_lines

    program, expected, divergence = message["program"], message["expected"], message["divergence"]
    primitive = program["primitive"]
    if primitive not in declared:
        return {"type": "error", "message": f"this driver has no {primitive}"}
    ticks = max(divergence["tick"], 1)
    shown = {**program, "ticks": program["ticks"][:ticks]}
    model_initial = expected.get("initial", {})
    statistics = model_initial.get("statistics")
    options = {
        "observers": [o for o in declared[primitive].get("observers", []) if o in model_initial],
        "statistics": list(statistics) if isinstance(statistics, dict) else None,
        "at_call": divergence["rule"] == "observers",
        "resources": divergence["rule"] == "cleanup",
        "sort_settled": declared[primitive].get("choices", {}).get("settlementOrder") == "perTick",
    }
    want = trace_lines({"initial": model_initial, "ticks": expected["ticks"][:ticks]}, **options)
    run = f"{sys.executable} repro.py"
    source = REPRO.format(
        name=name,
        primitive=primitive,
        rule=divergence["rule"],
        tick=divergence["tick"],
        summary=divergence["summary"],
        expected=divergence["expected"],
        actual=divergence["actual"],
        program="\n".join("  " + line for line in show_program(shown).split("\n")),
        driver=driver,
        runner=runner,
        run=run,
        module=driver[: -len(".py")],
        program_literal=repr(shown),
        options=repr(options),
        expected_lines="[\n" + "".join(f"    {line!r},\n" for line in want) + "]",
        argv=repr(argv),
    )
    files = {"repro.py": source}
    for file in (driver, runner, "trace_lines.py"):
        with open(os.path.join(HERE, file), encoding="utf-8") as f:
            files[file] = f.read()
    return {"type": "reproduction", "language": "Python", "files": files, "run": run}
