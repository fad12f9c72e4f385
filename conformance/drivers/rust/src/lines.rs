//! A trace as lines of text, one thing per line, as `check/lines.ts` prints it: a reproduction
//! prints what the port did and what the model says this way, and compares them line by line.

use crate::exec::{CallResult, Observation, Outcome, TickTrace, Val};

/// What to print besides each call's result, who settled, and the observers after each tick.
pub struct LineOptions<'a> {
    /// The observers to print: those the port has.
    pub observers: &'a [&'a str],
    /// The observers right after each call.
    pub at_call: bool,
    /// Settlements sorted by waiter (where their order within a tick is not compared).
    pub sort_settled: bool,
}

pub fn show(value: &Val) -> String {
    match value {
        Val::Handle => "\"handle\"".to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Val::Num(n) => n.to_string(),
    }
}

fn pick(observed: &Observation, options: &LineOptions) -> String {
    options
        .observers
        .iter()
        .filter_map(|name| observed.iter().find(|(n, _)| n == name).map(|(n, v)| format!("{} {}", n, show(v))))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The lines of a trace: the observers once constructed, then each tick's calls, settlements
/// and observers.
pub fn trace_lines(initial: &Observation, ticks: &[TickTrace], options: &LineOptions) -> Vec<String> {
    let mut lines = Vec::new();
    let start = pick(initial, options);
    if !start.is_empty() {
        lines.push(format!("start: {}", start));
    }
    for (i, tick) in ticks.iter().enumerate() {
        let at = format!("tick {}:", i + 1);
        for call in &tick.calls {
            let result = match &call.result {
                CallResult::Pending => "pending".to_string(),
                CallResult::Threw(error) => format!("threw {}", error),
                CallResult::Returned(None) => "returned".to_string(),
                CallResult::Returned(Some(v)) => format!("returned {}", show(v)),
            };
            let observed = if options.at_call { format!(" (then {})", pick(&call.observed, options)) } else { String::new() };
            lines.push(format!("{} #{} {}{}", at, call.id, result, observed));
        }
        let mut settled = tick.settled.clone();
        if options.sort_settled {
            settled.sort_by_key(|(id, _)| *id);
        }
        let who: Vec<String> = settled
            .iter()
            .map(|(id, outcome)| match outcome {
                Outcome::Resolved(None) => format!("#{} resolved", id),
                Outcome::Resolved(Some(v)) => format!("#{} resolved {}", id, show(v)),
                Outcome::Rejected(error) => format!("#{} rejected {}", id, error),
                Outcome::Timeout => format!("#{} timeout", id),
                Outcome::Aborted => format!("#{} aborted", id),
            })
            .collect();
        lines.push(format!("{} settled {}", at, if who.is_empty() { "nobody".to_string() } else { who.join(", ") }));
        let after = pick(&tick.observed, options);
        if !after.is_empty() {
            lines.push(format!("{} {}", at, after));
        }
    }
    lines
}
