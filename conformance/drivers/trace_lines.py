"""A trace as lines of text, one thing per line: check/lines.ts in Python, line for line, so that a
reproduction prints what the port did in the very words the checker's report uses for the model.

No protocol and no port here: a reproduction carries this file next to itself.
"""

import json


def show(value) -> str:
    """A value as JSON prints it (JavaScript's JSON.stringify for the values traces hold)."""
    return json.dumps(value, separators=(",", ":"))


def trace_lines(trace: dict, observers: list, statistics=None, at_call=False, resources=False, sort_settled=False) -> list:
    """The lines of `trace` ({"initial": ..., "ticks": [...]}): each call's result, who settled,
    the observers after each tick, and (when asked) the observers after each call and the timers
    and listeners still held."""

    def project(name, value):
        if name != "statistics" or statistics is None or not isinstance(value, dict):
            return value
        return {field: value[field] for field in statistics if field in value}

    def pick(observed: dict) -> str:
        return ", ".join(f"{name} {show(project(name, observed[name]))}" for name in observers if name in observed)

    lines = []
    initial = pick(trace["initial"])
    if initial:
        lines.append(f"start: {initial}")
    for i, tick in enumerate(trace["ticks"]):
        at = f"tick {i + 1}:"
        for call in tick["calls"]:
            r = call["result"]
            if r["kind"] == "pending":
                result = "pending"
            elif r["kind"] == "threw":
                result = f"threw {r['error']}"
            else:
                result = "returned" if "value" not in r else f"returned {show(r['value'])}"
            observed = f" (then {pick(call['observed'])})" if at_call and call.get("observed") is not None else ""
            lines.append(f"{at} #{call['id']} {result}{observed}")
        settled = sorted(tick["settled"], key=lambda s: s["id"]) if sort_settled else tick["settled"]
        who = []
        for s in settled:
            if s["outcome"] == "resolved":
                who.append(f"#{s['id']} resolved" + ("" if "value" not in s else f" {show(s['value'])}"))
            elif s["outcome"] == "rejected":
                who.append(f"#{s['id']} rejected {s['error']}")
            else:
                who.append(f"#{s['id']} {s['outcome']}")
        lines.append(f"{at} settled {', '.join(who) if who else 'nobody'}")
        after = pick(tick["observed"])
        if after:
            lines.append(f"{at} {after}")
        if resources and tick.get("resources") is not None:
            listening = [signal for signal, n in tick["resources"]["listeners"].items() if n > 0]
            lines.append(f"{at} timers {tick['resources']['timers']}, listeners on {', '.join(listening) if listening else 'no signal'}")
    return lines
