//! A program run by hand: the port's futures polled one at a time with the driver's own wakers,
//! on a virtual clock, so that every run of a program is the same run.
//!
//! What the protocol's words mean here (conformance/PROTOCOL.md):
//! - **A waiting call** is a future, polled once when the call is made (as a caller reaching
//!   `.await` polls it). Ready then: it settled in the call. Pending: it waits, with a waker of
//!   its own that records, in order, when the port wakes it.
//! - **A continuation** is a poll of a woken future. None runs between two actions of a tick;
//!   between ticks, before time passes, and between two timeouts firing, every woken future is
//!   polled, in the order the port woke them (a run queue), until none is left.
//! - **Settlement order** is the order the port decided it: a call that completes at once settles
//!   in its call; a future the port woke settles at the moment it was woken, if the poll that
//!   follows finds it ready (a port that only wakes a waiter, which then fails to take what it was
//!   woken for, has not settled it: it waits on).
//! - **Cancellation is dropping the future**, as in Rust: a signal's abort drops every future
//!   still waiting with it, in call order; a timeout drops the future at its virtual deadline,
//!   after every continuation due before it has run (so a future handed what it waited for is
//!   polled, and ready, first: the semantics of `tokio::time::timeout`, which polls the inner
//!   future before its deadline). A timeout of 0 polls once, then drops: what can complete now
//!   completes.
//! - **A signal already aborted** when a call is made: the future is never polled (a task
//!   cancelled before it first runs never runs), so it takes nothing; it settles `aborted` in the
//!   call.
//! - **A handle** is whatever the future or call gave (a guard, a permit); `release` on it drops
//!   it. It is in hand from the moment a call returns it, or, when a future resolves with it, once
//!   the tick's continuations have run.
//!
//! This file has no JSON in it: the driver speaks the protocol around it, and a reproduction
//! (`repro.rs`) carries it as it is.

use std::any::Any;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// A value as a trace shows it: a granted permit (whatever the port gives for it), a number
/// (an item's label, a barrier's index), or a boolean.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Handle,
    Num(f64),
    Bool(bool),
}

/// What a waiting call's future, or a call that returns at once, gives.
pub enum Got {
    /// A permit or guard: the trace shows `"handle"`, and a later `release` on it drops it.
    Handle(Box<dyn Any>),
    /// A value, or nothing.
    Value(Option<Val>),
    /// An error, by the model's name.
    Error(&'static str),
}

/// A waiting call's future.
pub type Waiting = Pin<Box<dyn Future<Output = Got>>>;

/// What making a call did at once.
pub enum Made {
    Returned(Got),
    Threw(&'static str),
    Waits(Waiting),
}

/// A call's arguments besides its options, as the program gives them.
#[derive(Clone, Debug, Default)]
pub struct Args {
    pub id: i64,
    pub key: Option<f64>,
    pub n: Option<f64>,
    pub weight: Option<f64>,
    pub immediate: bool,
}

/// An observer's reading.
pub type Observation = Vec<(&'static str, Val)>;

/// One primitive of a port, made for one program.
pub trait Primitive {
    /// Makes the call `name`; `Err` is a call the driver does not know (a driver failure).
    fn call(&self, name: &str, args: &Args) -> Result<Made, String>;
    /// What the port's observers show now; reading them changes nothing.
    fn observe(&self) -> Observation;
    /// How a timed-out wait reads: a timeout error, or (a Condition's) `false`.
    fn timed_out(&self) -> Outcome {
        Outcome::Timeout
    }
}

/// A port's constructor: the primitive for these parameters, or why the port cannot make it.
pub type Make = fn(&Params) -> Result<Box<dyn Primitive>, String>;

/// Constructor parameters by the model's names (`value`, `capacity`, ...).
#[derive(Clone, Debug, Default)]
pub struct Params(pub Vec<(String, f64)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

/// What a primitive of a port declares in `hello`, as JSON text: the raw run's entry, and what
/// its profile adds or replaces (each choice explained where the port is).
pub struct Port {
    pub primitive: &'static str,
    pub declared: &'static str,
    pub profile: &'static str,
    pub make: Make,
}

/// How a waiting call settled.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Resolved(Option<Val>),
    Timeout,
    Aborted,
    Rejected(&'static str),
}

/// A call's result at once.
#[derive(Clone, Debug, PartialEq)]
pub enum CallResult {
    Pending,
    Returned(Option<Val>),
    Threw(&'static str),
}

#[derive(Clone, Debug)]
pub struct CallTrace {
    pub id: i64,
    pub result: CallResult,
    pub observed: Observation,
}

#[derive(Clone, Debug)]
pub struct TickTrace {
    pub calls: Vec<CallTrace>,
    pub settled: Vec<(i64, Outcome)>,
    pub observed: Observation,
}

/// A call action: the call, its arguments and options.
#[derive(Clone, Debug, Default)]
pub struct Call {
    pub call: String,
    pub args: Args,
    pub on: Option<i64>,
    pub timeout: Option<f64>,
    pub signal: Option<i64>,
}

#[derive(Clone, Debug)]
pub enum Action {
    Call(Call),
    Abort(i64),
    Advance(f64),
}

/// The largest timeout a call takes: a timer's delay is a non-negative 32-bit integer of ms.
const MAX_TIMEOUT: f64 = 2_147_483_647.0;

/// A waker that records, in order, which waiter the port woke.
struct Flag {
    id: i64,
    woken: Arc<Mutex<Vec<i64>>>,
}

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.woken.lock().unwrap().push(self.id);
    }
}

struct Waiter {
    future: Waiting,
    waker: Waker,
    signal: Option<i64>,
    deadline: Option<f64>,
}

/// An entry of the tick's settlements: settled, or woken and not yet polled.
enum Slot {
    Settled(i64, Outcome),
    Woken(i64),
}

/// One program on one primitive.
pub struct Run {
    primitive: Box<dyn Primitive>,
    now: f64,
    waiters: BTreeMap<i64, Waiter>,
    aborted: HashSet<i64>,
    handles: HashMap<i64, Box<dyn Any>>,
    arriving: Vec<(i64, Box<dyn Any>)>,
    woken: Arc<Mutex<Vec<i64>>>,
    slots: Vec<Slot>,
}

impl Run {
    pub fn new(primitive: Box<dyn Primitive>) -> Run {
        Run {
            primitive,
            now: 0.0,
            waiters: BTreeMap::new(),
            aborted: HashSet::new(),
            handles: HashMap::new(),
            arriving: Vec::new(),
            woken: Arc::new(Mutex::new(Vec::new())),
            slots: Vec::new(),
        }
    }

    pub fn observe(&self) -> Observation {
        self.primitive.observe()
    }

    /// Makes the tick's actions in order, then lets every continuation run and fires the
    /// timeouts due now.
    pub fn tick(&mut self, actions: &[Action]) -> Result<TickTrace, String> {
        self.slots.clear();
        let mut calls = Vec::new();
        for action in actions {
            match action {
                Action::Call(call) => calls.push(self.call(call)?),
                Action::Abort(signal) => self.abort(*signal),
                Action::Advance(ms) => self.advance(*ms),
            }
        }
        self.continuations();
        self.expire(self.now);
        self.deliver();
        let settled = self
            .slots
            .drain(..)
            .filter_map(|slot| match slot {
                Slot::Settled(id, outcome) => Some((id, outcome)),
                Slot::Woken(_) => None,
            })
            .collect();
        Ok(TickTrace { calls, settled, observed: self.observe() })
    }

    fn call(&mut self, call: &Call) -> Result<CallTrace, String> {
        let id = call.args.id;
        let result = self.make(call)?;
        Ok(CallTrace { id, result, observed: self.observe() })
    }

    fn make(&mut self, call: &Call) -> Result<CallResult, String> {
        let id = call.args.id;
        if let Some(on) = call.on {
            // A handle not in hand does nothing; one in hand is given back by dropping it.
            if let Some(handle) = self.handles.remove(&on) {
                drop(handle);
                self.note_wakes();
            }
            return Ok(CallResult::Returned(None));
        }
        // A timeout the port could not be given (PROTOCOL.md, bad input): the call's future
        // rejects at once with RangeError, in its place among the tick's settlements, and the
        // port is not called.
        if let Some(t) = call.timeout {
            if !(t.fract() == 0.0 && (0.0..=MAX_TIMEOUT).contains(&t)) {
                self.slots.push(Slot::Settled(id, Outcome::Rejected("RangeError")));
                return Ok(CallResult::Pending);
            }
        }
        let made = self.primitive.call(&call.call, &call.args)?;
        self.note_wakes();
        let future = match made {
            Made::Threw(error) => return Ok(CallResult::Threw(error)),
            Made::Returned(got) => return Ok(self.returned(id, got)),
            Made::Waits(future) => future,
        };
        if call.signal.map_or(false, |s| self.aborted.contains(&s)) {
            drop(future); // never polled: it took nothing
            self.note_wakes();
            self.slots.push(Slot::Settled(id, Outcome::Aborted));
            return Ok(CallResult::Pending);
        }
        let waker = Waker::from(Arc::new(Flag { id, woken: self.woken.clone() }));
        let deadline = call.timeout.map(|t| self.now + t);
        self.waiters.insert(id, Waiter { future, waker, signal: call.signal, deadline });
        if !self.poll(id) && call.timeout == Some(0.0) {
            self.cancel(id, self.primitive.timed_out());
        }
        Ok(CallResult::Pending)
    }

    fn returned(&mut self, id: i64, got: Got) -> CallResult {
        match got {
            Got::Handle(handle) => {
                self.handles.insert(id, handle);
                CallResult::Returned(Some(Val::Handle))
            }
            Got::Value(value) => CallResult::Returned(value),
            Got::Error(error) => CallResult::Threw(error),
        }
    }

    /// Polls waiter `id` once; if it is ready, it settles (in the slot of the wake that led here,
    /// if any). Returns whether it settled.
    fn poll(&mut self, id: i64) -> bool {
        let Some(waiter) = self.waiters.get_mut(&id) else { return false };
        let mut context = Context::from_waker(&waiter.waker);
        let polled = waiter.future.as_mut().poll(&mut context);
        self.note_wakes();
        let Poll::Ready(got) = polled else { return false };
        self.waiters.remove(&id);
        let outcome = match got {
            Got::Handle(handle) => {
                self.arriving.push((id, handle));
                Outcome::Resolved(Some(Val::Handle))
            }
            Got::Value(value) => Outcome::Resolved(value),
            Got::Error(error) => Outcome::Rejected(error),
        };
        self.settle(id, outcome);
        true
    }

    /// Records `id`'s settlement where the port decided it: at its first unpolled wake, or now.
    fn settle(&mut self, id: i64, outcome: Outcome) {
        match self.slots.iter().position(|slot| matches!(slot, Slot::Woken(w) if *w == id)) {
            Some(at) => self.slots[at] = Slot::Settled(id, outcome),
            None => self.slots.push(Slot::Settled(id, outcome)),
        }
    }

    /// Moves the wakes the port made into the tick's slots (no future is polled here).
    fn note_wakes(&mut self) {
        let woken: Vec<i64> = std::mem::take(&mut *self.woken.lock().unwrap());
        for id in woken {
            let waiting = self.waiters.contains_key(&id);
            let noted = self.slots.iter().any(|slot| matches!(slot, Slot::Woken(w) if *w == id));
            if waiting && !noted {
                self.slots.push(Slot::Woken(id));
            }
        }
    }

    /// Cancels waiter `id` by dropping its future; it settles with `outcome` now.
    fn cancel(&mut self, id: i64, outcome: Outcome) {
        if let Some(waiter) = self.waiters.remove(&id) {
            drop(waiter);
            self.note_wakes();
            self.slots.retain(|slot| !matches!(slot, Slot::Woken(w) if *w == id));
            self.slots.push(Slot::Settled(id, outcome));
        }
    }

    /// Polls every woken future, in the order they were woken, until none is left.
    fn continuations(&mut self) {
        let mut at = 0;
        while at < self.slots.len() {
            if let Slot::Woken(id) = self.slots[at] {
                if !self.poll(id) {
                    // Woken, polled, and waiting still: that wake settled nothing.
                    self.slots.remove(at);
                    continue;
                }
            }
            at += 1;
        }
    }

    /// Futures resolved with a handle: in hand once their continuations have run.
    fn deliver(&mut self) {
        for (id, handle) in self.arriving.drain(..) {
            self.handles.insert(id, handle);
        }
    }

    fn abort(&mut self, signal: i64) {
        if !self.aborted.insert(signal) {
            return;
        }
        let ids: Vec<i64> = self.waiters.iter().filter(|(_, w)| w.signal == Some(signal)).map(|(id, _)| *id).collect();
        for id in ids {
            self.cancel(id, Outcome::Aborted);
        }
    }

    /// Time passing ends the job: every continuation runs, then each timeout due by then fires,
    /// one at a time, in deadline order (ties in call order), each followed by its continuations.
    fn advance(&mut self, ms: f64) {
        let until = self.now + ms;
        self.continuations();
        self.deliver();
        self.expire(until);
        self.now = until;
    }

    fn expire(&mut self, until: f64) {
        loop {
            let due = self
                .waiters
                .iter()
                .filter_map(|(id, w)| w.deadline.filter(|d| *d <= until).map(|d| (d, *id)))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let Some((deadline, id)) = due else { return };
            self.now = self.now.max(deadline);
            self.cancel(id, self.primitive.timed_out());
            self.continuations();
            self.deliver();
        }
    }
}
