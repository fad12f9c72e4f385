//! The smallest toro-check driver in Rust: tokio's `Mutex` as the models' `Lock`, its futures
//! polled by hand on a virtual clock. A starting point for a port author (PROTOCOL.md, "Driver
//! kit: Rust"); it needs only tokio (feature `sync`) and serde_json.
//!
//! ```sh
//! cargo build --offline --release && npx toro-check --driver target/release/minimal
//! ```

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::future::Future;
use std::io::{BufRead, Write};
use std::pin::Pin;
use std::sync::{Arc, Mutex as Woken};
use std::task::{Context, Poll, Wake, Waker};
use tokio::sync::{Mutex, OwnedMutexGuard};

type Acquiring = Pin<Box<dyn Future<Output = OwnedMutexGuard<()>>>>;

/// A waker that records which waiter the port woke, in order.
struct Flag(i64, Arc<Woken<Vec<i64>>>);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.1.lock().unwrap().push(self.0);
    }
}

/// One program: the lock, the waiting futures with their deadlines, the handles, the clock.
struct Run {
    lock: Arc<Mutex<()>>,
    waiting: BTreeMap<i64, (Acquiring, Waker, Option<f64>)>,
    handles: BTreeMap<i64, OwnedMutexGuard<()>>,
    arriving: Vec<(i64, OwnedMutexGuard<()>)>,
    woken: Arc<Woken<Vec<i64>>>,
    /// The tick's settlements in the order the port decided them: a future settles where the
    /// port woke it (`None` until the poll that follows finds it ready), or where it was made.
    settled: Vec<(i64, Option<Value>)>,
    now: f64,
}

impl Run {
    /// Polls waiter `id` once; a ready future settles (in its wake's slot), and its guard is in
    /// hand from the next tick on.
    fn poll(&mut self, id: i64) -> bool {
        let Some((future, waker, _)) = self.waiting.get_mut(&id) else { return false };
        let Poll::Ready(guard) = future.as_mut().poll(&mut Context::from_waker(waker)) else { return false };
        self.waiting.remove(&id);
        self.arriving.push((id, guard));
        self.settle(id, json!({"id": id, "outcome": "resolved", "value": "handle"}));
        true
    }

    fn settle(&mut self, id: i64, settlement: Value) {
        match self.settled.iter_mut().find(|(w, s)| *w == id && s.is_none()) {
            Some(slot) => slot.1 = Some(settlement),
            None => self.settled.push((id, Some(settlement))),
        }
    }

    /// Gives each wake the port made a slot in the tick's settlements (nothing is polled here).
    fn note_wakes(&mut self) {
        for id in std::mem::take(&mut *self.woken.lock().unwrap()) {
            if self.waiting.contains_key(&id) && !self.settled.iter().any(|(w, s)| *w == id && s.is_none()) {
                self.settled.push((id, None));
            }
        }
    }

    /// Every continuation: the woken futures, polled in the order they were woken.
    fn continuations(&mut self) {
        while let Some(id) = self.settled.iter().find(|(_, s)| s.is_none()).map(|(w, _)| *w) {
            if !self.poll(id) {
                self.settled.retain(|(w, s)| !(*w == id && s.is_none())); // woken for nothing
            }
            self.note_wakes();
        }
    }

    /// Timeouts due by `until` fire one at a time, in deadline order (ties in call order).
    fn expire(&mut self, until: f64) {
        while let Some((id, deadline)) = self.waiting.iter().filter_map(|(id, w)| w.2.filter(|d| *d <= until).map(|d| (*id, d))).min_by(|a, b| a.1.total_cmp(&b.1)) {
            self.now = self.now.max(deadline);
            self.waiting.remove(&id); // dropping the future cancels it
            self.note_wakes();
            self.settle(id, json!({"id": id, "outcome": "timeout"}));
            self.continuations();
            self.handles.extend(self.arriving.drain(..));
        }
    }

    fn call(&mut self, action: &Value) -> Value {
        let id = action["id"].as_i64().unwrap_or(-1);
        if let Some(on) = action["on"].as_i64() {
            self.handles.remove(&on); // dropping the guard unlocks; a handle not in hand does nothing
            self.note_wakes();
            return json!({"id": id, "result": {"kind": "returned"}});
        }
        let waker = Waker::from(Arc::new(Flag(id, self.woken.clone())));
        let timeout = action["timeout"].as_f64();
        self.waiting.insert(id, (Box::pin(self.lock.clone().lock_owned()), waker, timeout.map(|t| self.now + t)));
        if !self.poll(id) && timeout == Some(0.0) {
            self.waiting.remove(&id);
            self.settle(id, json!({"id": id, "outcome": "timeout"}));
        }
        json!({"id": id, "result": {"kind": "pending"}})
    }

    fn tick(&mut self, actions: &[Value]) -> Value {
        self.settled.clear();
        let mut calls = Vec::new();
        for action in actions {
            if let Some(ms) = action["advance"].as_f64() {
                let until = self.now + ms;
                self.continuations();
                self.handles.extend(self.arriving.drain(..));
                self.expire(until);
                self.now = until;
            } else {
                calls.push(self.call(action));
            }
        }
        self.continuations();
        self.expire(self.now);
        self.handles.extend(self.arriving.drain(..));
        let settled: Vec<Value> = self.settled.drain(..).filter_map(|(_, s)| s).collect();
        json!({"type": "ticked", "calls": calls, "settled": settled, "observed": {}})
    }
}

fn main() {
    // No signals: a future dropped after tokio handed it the lock, before it was polled, gives
    // the lock back, where the model keeps the grant (the full driver's docs say more).
    // badInput: false, since a timer takes any duration, where the models refuse a bad timeout.
    let lock = json!({"calls": ["acquire"], "handleRelease": true, "observers": [], "options": {"timeout": true, "signal": false}, "badInput": false});
    let hello = json!({"type": "hello", "protocol": 1, "name": "minimal tokio::sync::Mutex", "primitives": {"Lock": lock}});
    let mut out = std::io::stdout().lock();
    let mut run: Option<Run> = None;
    writeln!(out, "{}", hello).and_then(|_| out.flush()).expect("stdout");
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let message: Value = serde_json::from_str(&line).unwrap_or_default();
        let reply = match message["type"].as_str() {
            Some("quit") => return,
            Some("start") => {
                let lock = Arc::new(Mutex::new(()));
                let woken = Arc::new(Woken::new(Vec::new()));
                run = Some(Run { lock, waiting: BTreeMap::new(), handles: BTreeMap::new(), arriving: Vec::new(), woken, settled: Vec::new(), now: 0.0 });
                json!({"type": "started", "observed": {}})
            }
            Some("tick") => match (run.as_mut(), message["actions"].as_array()) {
                (Some(run), Some(actions)) => run.tick(actions),
                _ => json!({"type": "error", "message": "a tick before start, or without actions"}),
            },
            _ => json!({"type": "error", "message": format!("unexpected message {}", line)}),
        };
        writeln!(out, "{}", reply).and_then(|_| out.flush()).expect("stdout");
    }
}
