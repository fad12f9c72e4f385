//! A toro-check driver for Rust's async locks: tokio's `sync`, async-lock and async-std.
//!
//! ```sh
//! cargo build --offline --release
//! npx toro-check --driver "target/release/toro-driver tokio"              # the raw run
//! npx toro-check --driver "target/release/toro-driver tokio --profile"    # its declared choices
//! ```
//!
//! The first argument picks the port (`tokio`, `async-lock`, `async-std`); `--profile` declares
//! the port's profile. It speaks conformance/PROTOCOL.md on standard input and output, one JSON
//! object per line; how the futures are run is `exec.rs`, each port's mapping is in `ports/`.

mod exec;
mod lines;
mod ports;
mod repro;

use exec::{Action, Args, Call, CallResult, Observation, Outcome, Params, Port, Run, TickTrace, Val};
use serde_json::{json, Map, Value};
use std::io::{BufRead, Write};

const PROTOCOL: u64 = 1;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let profile = args.iter().any(|a| a == "--profile");
    let Some(port) = args.iter().find(|a| !a.starts_with("--")).and_then(|name| ports::port(name)) else {
        eprintln!("usage: toro-driver {} [--profile]", ports::NAMES.join("|"));
        std::process::exit(2);
    };
    let mut primitives = Map::new();
    // A profile of `null` leaves the primitive out: no choice makes it agree.
    for p in port.primitives.iter().filter(|p| !(profile && p.profile == "null")) {
        primitives.insert(p.primitive.to_string(), declared(p, profile));
    }
    send(&json!({"type": "hello", "protocol": PROTOCOL, "name": port.name, "primitives": primitives, "reproduce": true}));
    let mut run: Option<(Run, Vec<String>)> = None;
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { return };
        let reply = match serde_json::from_str::<Value>(&line) {
            Err(error) => Err(format!("not JSON: {}", error)),
            Ok(message) => match message["type"].as_str() {
                Some("quit") => return,
                Some("start") => start(&port.primitives, &message).map(|(r, p)| {
                    // Only the observers declared are shown: a profile may leave one out.
                    let observers: Vec<String> = declared(p, profile)["observers"].as_array().into_iter().flatten().filter_map(|o| o.as_str().map(String::from)).collect();
                    let observed = observation(&r.observe(), &observers);
                    run = Some((r, observers));
                    json!({"type": "started", "observed": observed})
                }),
                Some("tick") => match run.as_mut() {
                    Some((r, observers)) => tick(r, &message, observers),
                    None => Err("tick before start".to_string()),
                },
                Some("reproduce") => repro::reproduce(&port, profile, &message),
                _ => Err(format!("unexpected message {}", line.chars().take(200).collect::<String>())),
            },
        };
        send(&reply.unwrap_or_else(|message| json!({"type": "error", "message": message})));
    }
}

/// A primitive's hello entry: the raw run's, with the profile's keys over it.
fn declared(port: &Port, profile: bool) -> Value {
    let mut entry: Map<String, Value> = serde_json::from_str(port.declared).expect("a port's declared entry is JSON");
    if profile {
        let over: Map<String, Value> = serde_json::from_str(port.profile).expect("a port's profile is JSON");
        entry.extend(over);
    }
    Value::Object(entry)
}

fn start<'a>(ports: &'a [Port], message: &Value) -> Result<(Run, &'a Port), String> {
    let name = message["primitive"].as_str().unwrap_or_default();
    let port = ports.iter().find(|p| p.primitive == name).ok_or_else(|| format!("no {} here", name))?;
    let mut params = Params::default();
    for (key, value) in message["params"].as_object().into_iter().flatten() {
        params.0.push((key.clone(), num(value).ok_or_else(|| format!("parameter {} is not a number", key))?));
    }
    // A constructor the port refuses, for parameters the model accepts, is the driver's to
    // avoid (its hello narrows `params`): PROTOCOL.md says to answer an error.
    Ok(((port.make)(&params).map(Run::new)?, port))
}

fn tick(run: &mut Run, message: &Value, observers: &[String]) -> Result<Value, String> {
    let actions = message["actions"].as_array().ok_or("a tick without actions")?.iter().map(action).collect::<Result<Vec<_>, _>>()?;
    Ok(ticked(&run.tick(&actions)?, observers))
}

/// A number from its JSON form: the names of those JSON cannot carry become floats.
pub fn num(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s == "NaN" => Some(f64::NAN),
        Value::String(s) if s == "Infinity" => Some(f64::INFINITY),
        Value::String(s) if s == "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

pub fn action(value: &Value) -> Result<Action, String> {
    if let Some(signal) = value.get("abort") {
        return signal.as_i64().map(Action::Abort).ok_or_else(|| format!("bad abort {}", value));
    }
    if let Some(ms) = value.get("advance") {
        return num(ms).map(Action::Advance).ok_or_else(|| format!("bad advance {}", value));
    }
    let call = value["call"].as_str().ok_or_else(|| format!("unknown action {}", value))?;
    Ok(Action::Call(Call {
        call: call.to_string(),
        args: Args {
            id: value["id"].as_i64().ok_or_else(|| format!("a call without an id: {}", value))?,
            key: value.get("key").and_then(num),
            n: value.get("n").and_then(num),
            weight: value.get("weight").and_then(num),
            immediate: value.get("immediate") == Some(&Value::Bool(true)),
        },
        on: value.get("on").and_then(Value::as_i64),
        timeout: value.get("timeout").and_then(num),
        signal: value.get("signal").and_then(Value::as_i64),
    }))
}

pub fn trace_value(value: &Val) -> Value {
    match value {
        Val::Handle => json!("handle"),
        Val::Bool(b) => json!(b),
        Val::Num(n) if n.fract() == 0.0 => json!(*n as i64),
        Val::Num(n) => json!(n),
    }
}

fn observation(observed: &Observation, observers: &[String]) -> Value {
    Value::Object(observed.iter().filter(|(name, _)| observers.iter().any(|o| o == name)).map(|(name, value)| (name.to_string(), trace_value(value))).collect())
}

fn ticked(trace: &TickTrace, observers: &[String]) -> Value {
    let calls: Vec<Value> = trace
        .calls
        .iter()
        .map(|call| {
            let result = match &call.result {
                CallResult::Pending => json!({"kind": "pending"}),
                CallResult::Returned(None) => json!({"kind": "returned"}),
                CallResult::Returned(Some(v)) => json!({"kind": "returned", "value": trace_value(v)}),
                CallResult::Threw(error) => json!({"kind": "threw", "error": error}),
            };
            json!({"id": call.id, "result": result, "observed": observation(&call.observed, observers)})
        })
        .collect();
    let settled: Vec<Value> = trace
        .settled
        .iter()
        .map(|(id, outcome)| match outcome {
            Outcome::Resolved(None) => json!({"id": id, "outcome": "resolved"}),
            Outcome::Resolved(Some(v)) => json!({"id": id, "outcome": "resolved", "value": trace_value(v)}),
            Outcome::Timeout => json!({"id": id, "outcome": "timeout"}),
            Outcome::Aborted => json!({"id": id, "outcome": "aborted"}),
            Outcome::Rejected(error) => json!({"id": id, "outcome": "rejected", "error": error}),
        })
        .collect();
    json!({"type": "ticked", "calls": calls, "settled": settled, "observed": observation(&trace.observed, observers)})
}

fn send(message: &Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", message);
    let _ = out.flush();
}
