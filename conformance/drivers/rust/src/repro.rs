//! Reproductions: the answer to the checker's `reproduce` message (conformance/PROTOCOL.md). A
//! reproduction is a Cargo crate that runs the shrunk program on the port alone (no driver, no
//! JSON): the same executor (`exec.rs`) and the same mapping of the port (`ports/`) the driver
//! ran, with the program written out in Rust. It prints what the port did, line by line, then
//! the first line where the model says otherwise, and exits with status 1 while they differ.

use crate::exec::{Action, CallResult, CallTrace, Observation, Outcome, TickTrace, Val};
use crate::lines::{trace_lines, LineOptions};
use crate::ports::PortSet;
use crate::{action, declared, num};
use serde_json::{json, Value};

const EXEC: &str = include_str!("exec.rs");
const LINES: &str = include_str!("lines.rs");
const TOKIO: &str = include_str!("ports/tokio_port.rs");
const ASYNC_LOCK: &str = include_str!("ports/async_lock_port.rs");
const ASYNC_STD: &str = include_str!("ports/async_std_port.rs");
const CARGO_CONFIG: &str = include_str!("../.cargo/config.toml");

pub fn reproduce(port: &PortSet, profile: bool, message: &Value) -> Result<Value, String> {
    let primitive = message["primitive"].as_str().ok_or("reproduce: no primitive")?;
    let p = port.primitives.iter().find(|p| p.primitive == primitive).ok_or_else(|| format!("reproduce: no {} here", primitive))?;
    let program = &message["program"];
    let divergence = &message["divergence"];
    let rule = divergence["rule"].as_str().unwrap_or("returns");
    let ticks_shown = divergence["tick"].as_u64().unwrap_or(1).max(1) as usize;
    let ticks: Vec<Vec<Action>> = program["ticks"]
        .as_array()
        .ok_or("reproduce: a program without ticks")?
        .iter()
        .take(ticks_shown)
        .map(|t| t.as_array().into_iter().flatten().map(action).collect::<Result<Vec<_>, _>>())
        .collect::<Result<_, _>>()?;
    let entry = declared(p, profile);
    let observers: Vec<String> = entry["observers"].as_array().into_iter().flatten().filter_map(|o| o.as_str().map(String::from)).collect();
    let model_initial = observation(&message["expected"]["initial"]);
    let shown: Vec<&str> = observers.iter().map(String::as_str).filter(|o| model_initial.iter().any(|(n, _)| n == o)).collect();
    let options = LineOptions {
        observers: &shown,
        at_call: rule == "observers",
        sort_settled: entry["choices"]["settlementOrder"] == json!("perTick"),
    };
    let expected_ticks: Vec<TickTrace> = message["expected"]["ticks"].as_array().into_iter().flatten().take(ticks_shown).map(tick_trace).collect();
    let expected = trace_lines(&model_initial, &expected_ticks, &options);

    let (module, dependency) = match port.key {
        "tokio" => ("tokio_port", r#"tokio = { version = "1.24", default-features = false, features = ["sync"] }"#),
        "async-lock" => ("async_lock_port", r#"async-lock = "2.6""#),
        _ => ("async_std_port", "async-lock = \"2.6\"\nasync-std = { version = \"1.12\", default-features = false, features = [\"std\", \"unstable\"] }"),
    };
    let mut files = serde_json::Map::new();
    let cargo = format!("[package]\nname = \"toro-repro\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{}\n", dependency);
    files.insert("Cargo.toml".into(), json!(cargo));
    files.insert(".cargo/config.toml".into(), json!(CARGO_CONFIG));
    files.insert("src/exec.rs".into(), json!(EXEC));
    files.insert("src/lines.rs".into(), json!(LINES));
    let mut mods = String::from("//! The mapping of the port the driver ran, as it is.\n\n");
    if module == "async_std_port" {
        mods.push_str("pub mod async_lock_port;\n");
        files.insert("src/ports/async_lock_port.rs".into(), json!(ASYNC_LOCK));
    }
    mods.push_str(&format!("pub mod {};\n", module));
    files.insert("src/ports/mod.rs".into(), json!(mods));
    let source = match module {
        "tokio_port" => TOKIO,
        "async_lock_port" => ASYNC_LOCK,
        _ => ASYNC_STD,
    };
    files.insert(format!("src/ports/{}.rs", module), json!(source));
    let main = main_rs(port.name, primitive, module, program, divergence, &ticks, &shown, &options, &expected);
    files.insert("src/main.rs".into(), json!(main));
    Ok(json!({"type": "reproduction", "language": "Rust", "files": files, "run": "cargo run --offline --quiet"}))
}

fn observation(value: &Value) -> Observation {
    value
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(name, v)| trace_val(v).map(|v| (leak_str(name), v)))
        .collect()
}

/// Observer names live as long as the reproduction is being written; they are few and short.
fn leak_str(name: &str) -> &'static str {
    Box::leak(name.to_string().into_boxed_str())
}

fn trace_val(v: &Value) -> Option<Val> {
    match v {
        Value::String(s) if s == "handle" => Some(Val::Handle),
        Value::Bool(b) => Some(Val::Bool(*b)),
        Value::Number(_) => num(v).map(Val::Num),
        _ => None,
    }
}

fn error_name(v: &Value) -> &'static str {
    leak_str(v.as_str().unwrap_or("Error"))
}

fn tick_trace(t: &Value) -> TickTrace {
    let calls = t["calls"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| CallTrace {
            id: c["id"].as_i64().unwrap_or(-1),
            result: match c["result"]["kind"].as_str() {
                Some("pending") => CallResult::Pending,
                Some("threw") => CallResult::Threw(error_name(&c["result"]["error"])),
                _ => CallResult::Returned(trace_val(&c["result"]["value"])),
            },
            observed: observation(&c["observed"]),
        })
        .collect();
    let settled = t["settled"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let outcome = match s["outcome"].as_str() {
                Some("timeout") => Outcome::Timeout,
                Some("aborted") => Outcome::Aborted,
                Some("rejected") => Outcome::Rejected(error_name(&s["error"])),
                _ => Outcome::Resolved(trace_val(&s["value"])),
            };
            (s["id"].as_i64().unwrap_or(-1), outcome)
        })
        .collect();
    TickTrace { calls, settled, observed: observation(&t["observed"]) }
}

fn opt<T: std::fmt::Debug>(value: &Option<T>) -> String {
    match value {
        Some(v) => format!("Some({:?})", v),
        None => "None".to_string(),
    }
}

fn float(value: &Option<f64>) -> String {
    match value {
        Some(v) if v.is_nan() => "Some(f64::NAN)".to_string(),
        Some(v) if v.is_infinite() => format!("Some({}f64::INFINITY)", if *v < 0.0 { "-" } else { "" }),
        Some(v) => format!("Some({:?})", v),
        None => "None".to_string(),
    }
}

/// One action as Rust source.
fn action_rs(a: &Action) -> String {
    match a {
        Action::Abort(s) => format!("Action::Abort({})", s),
        Action::Advance(ms) => format!("Action::Advance({:?})", ms),
        Action::Call(c) => format!(
            "call({:?}, Args {{ id: {}, key: {}, n: {}, weight: {}, immediate: {} }}, {}, {}, {})",
            c.call,
            c.args.id,
            float(&c.args.key),
            float(&c.args.n),
            float(&c.args.weight),
            c.args.immediate,
            opt(&c.on),
            float(&c.timeout),
            opt(&c.signal)
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn main_rs(port: &str, primitive: &str, module: &str, program: &Value, divergence: &Value, ticks: &[Vec<Action>], shown: &[&str], options: &LineOptions, expected: &[String]) -> String {
    let params: Vec<String> = program["params"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("({:?}.to_string(), {})", k, float(&num(v)).trim_start_matches("Some(").trim_end_matches(')')))
        .collect();
    let program_lines: Vec<String> = ticks
        .iter()
        .enumerate()
        .map(|(i, t)| format!("        // tick {}\n        vec![{}],", i + 1, t.iter().map(action_rs).collect::<Vec<_>>().join(", ")))
        .collect();
    let summary = |key: &str| divergence[key].as_str().unwrap_or("").replace('\n', " ");
    format!(
        r#"//! {port} disagrees with the toro-ts model of {primitive}: a standalone reproduction.
//!
//! Rule broken: {rule}. Tick {tick}: {summary}.
//!   model:          {expected_line}
//!   implementation: {actual_line}
//!
//! It runs the program on the port alone: each call as the driver made it (`src/ports/`), its
//! futures polled by hand on a virtual clock (`src/exec.rs`), and prints what happened, then the
//! first line where the toro-ts model says otherwise. `cargo run --offline` exits with status 1
//! while the two differ.
#![allow(dead_code)]

mod exec;
mod lines;
mod ports;

use exec::{{Action, Args, Call, Params, Run}};
use lines::{{trace_lines, LineOptions}};

fn call(name: &str, args: Args, on: Option<i64>, timeout: Option<f64>, signal: Option<i64>) -> Action {{
    Action::Call(Call {{ call: name.to_string(), args, on, timeout, signal }})
}}

fn main() {{
    let port = ports::{module}::ports().into_iter().find(|p| p.primitive == {primitive:?}).expect("the port has {primitive}");
    let params = Params(vec![{params}]);
    let ticks: Vec<Vec<Action>> = vec![
{program}
    ];
    let mut run = Run::new((port.make)(&params).expect("the port makes the primitive"));
    let initial = run.observe();
    let mut traces = Vec::new();
    for tick in &ticks {{
        traces.push(run.tick(tick).expect("every call is one the port has"));
    }}
    let options = LineOptions {{ observers: &{shown:?}, at_call: {at_call}, sort_settled: {sort_settled} }};
    let actual = trace_lines(&initial, &traces, &options);
    let expected: &[&str] = &{expected:?};
    for line in &actual {{
        println!("{{}}", line);
    }}
    match actual.iter().zip(expected.iter()).position(|(a, e)| a != e) {{
        None if actual.len() == expected.len() => println!("\nThis agrees with the toro-ts model."),
        first => {{
            let at = first.unwrap_or(actual.len().min(expected.len()));
            println!("\nThe toro-ts model says instead:\n{{}}", expected.get(at).unwrap_or(&"(nothing more)"));
            std::process::exit(1);
        }}
    }}
}}
"#,
        port = port,
        primitive = primitive,
        rule = summary("rule"),
        tick = divergence["tick"],
        summary = summary("summary"),
        expected_line = summary("expected"),
        actual_line = summary("actual"),
        module = module,
        params = params.join(", "),
        program = program_lines.join("\n"),
        shown = shown,
        at_call = options.at_call,
        sort_settled = options.sort_settled,
        expected = expected,
    )
}
