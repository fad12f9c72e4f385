//! async-lock's primitives (async-lock 2.6, Debian's librust-async-lock-dev), by the models' names.
//!
//! - `Lock`: `Mutex<()>`; `acquire` is `lock()`, `tryAcquire` is `try_lock()`, the handle is the
//!   guard.
//! - `Semaphore`: `Semaphore`; `acquire()`, `try_acquire()`, the handle is the guard. There is
//!   no release but the guard's, and no observer of the count.
//! - `RWLock`: `RwLock<()>`; `read()`, `write()`, `try_read()`, `try_write()`. It has no limit
//!   of readers: `maxReaders` is `Infinity` only.
//! - `Barrier`: `Barrier`; `wait()`, whose result says only `is_leader()`: a wait's index is
//!   read as async-lock's own arrival count when it arrived (its first poll).
//!
//! async-lock wakes a waiter through an `event_listener::Event`, and the woken waiter takes the
//! lock when it is polled (the model's `handoff: "wakeup"`). Its `Mutex` also reads the wall
//! clock: a waiter woken for nothing for more than 0.5 ms turns the mutex fair until it gets in,
//! which no virtual clock controls. Under `handoff: "wakeup"` every action is a job of its own
//! and a woken waiter always gets in, so that never happens there.
//!
//! Every primitive is leaked for the program's lifetime, so that its futures and guards are
//! `'static`.

use crate::exec::{Args, Got, Made, Observation, Params, Port, Primitive, Val};
use async_lock::{Barrier, Mutex, RwLock, Semaphore};
use std::cell::RefCell;

pub fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn unknown(name: &str) -> Result<Made, String> {
    Err(format!("no call {}", name))
}

fn guard<G: 'static>(taken: Option<G>) -> Got {
    match taken {
        Some(guard) => Got::Handle(Box::new(guard)),
        None => Got::Value(None),
    }
}

pub struct Lock(pub &'static Mutex<()>);

impl Primitive for Lock {
    fn call(&self, name: &str, _: &Args) -> Result<Made, String> {
        let m = self.0;
        Ok(match name {
            "acquire" => Made::Waits(Box::pin(async move { Got::Handle(Box::new(m.lock().await)) })),
            "tryAcquire" => Made::Returned(guard(m.try_lock())),
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![]
    }
}

pub struct Sem(pub &'static Semaphore);

impl Primitive for Sem {
    fn call(&self, name: &str, _: &Args) -> Result<Made, String> {
        let s = self.0;
        Ok(match name {
            "acquire" => Made::Waits(Box::pin(async move { Got::Handle(Box::new(s.acquire().await)) })),
            "tryAcquire" => Made::Returned(guard(s.try_acquire())),
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![]
    }
}

pub struct RW(pub &'static RwLock<()>);

impl Primitive for RW {
    fn call(&self, name: &str, _: &Args) -> Result<Made, String> {
        let l = self.0;
        Ok(match name {
            "acquireRead" => Made::Waits(Box::pin(async move { Got::Handle(Box::new(l.read().await)) })),
            "acquireWrite" => Made::Waits(Box::pin(async move { Got::Handle(Box::new(l.write().await)) })),
            "tryAcquireRead" => Made::Returned(guard(l.try_read())),
            "tryAcquireWrite" => Made::Returned(guard(l.try_write())),
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![]
    }
}

pub struct Bar {
    pub barrier: &'static Barrier,
    pub parties: usize,
    /// async-lock's own count of arrivals in the group being filled, kept alongside it.
    pub arrived: &'static RefCell<usize>,
}

impl Primitive for Bar {
    fn call(&self, name: &str, _: &Args) -> Result<Made, String> {
        let (b, parties, arrived) = (self.barrier, self.parties, self.arrived);
        Ok(match name {
            "wait" => Made::Waits(Box::pin(async move {
                // The first poll is the arrival: async-lock counts it then, whatever happens after.
                let index = {
                    let mut count = arrived.borrow_mut();
                    let index = *count;
                    *count = (*count + 1) % parties;
                    index
                };
                let result = b.wait().await;
                if result.is_leader() != (index == parties - 1) {
                    return Got::Error("DriverMiscount");
                }
                Got::Value(Some(Val::Num(index as f64)))
            })),
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![]
    }
}

pub fn param(params: &Params, name: &str, default: f64) -> Result<usize, String> {
    let v = params.get(name).unwrap_or(default);
    if v.fract() == 0.0 && v >= 0.0 && v <= u32::MAX as f64 {
        Ok(v as usize)
    } else {
        Err(format!("async-lock takes no {} of {}", name, v))
    }
}

/// The profile every async-lock primitive declares: it wakes a waiter, which takes the lock
/// when polled, so another call in the same job can take it first, and a drop of the woken
/// future in between passes the wakeup on.
pub const WAKEUP: &str = r#"{"choices":{"handoff":"wakeup"}}"#;

/// A primitive the profile leaves out.
pub const LEFT_OUT: &str = "null";

/// A wait dropped (timed out, aborted) still counts as arrived, so the group trips short: the
/// profile waits with neither timeout nor signal.
pub const BARRIER: &str = r#"{"choices":{"handoff":"wakeup"},"options":{"timeout":false,"signal":false}}"#;

pub fn ports() -> Vec<Port> {
    vec![
        Port {
            primitive: "Lock",
            declared: r#"{"calls":["acquire","tryAcquire"],"handleRelease":true,"observers":[]}"#,
            profile: WAKEUP,
            make: |_| Ok(Box::new(Lock(leak(Mutex::new(()))))),
        },
        Port {
            primitive: "Semaphore",
            declared: r#"{"calls":["acquire","tryAcquire"],"handleRelease":true,"observers":[],"params":{"value":[0,1,2,3]}}"#,
            profile: WAKEUP,
            make: |p| Ok(Box::new(Sem(leak(Semaphore::new(param(p, "value", 1.0)?))))),
        },
        Port {
            primitive: "RWLock",
            declared: r#"{"calls":["acquireRead","acquireWrite","tryAcquireRead","tryAcquireWrite"],"handleRelease":true,"observers":[]}"#,
            // No queue orders readers and writers: a writer's release lets a reader that came
            // after a waiting writer in first. No choice says that: the profile leaves it out.
            profile: LEFT_OUT,
            make: |_| Ok(Box::new(RW(leak(RwLock::new(()))))),
        },
        Port {
            primitive: "Barrier",
            declared: r#"{"calls":["wait"],"observers":[],"params":{"parties":[1,2,3]}}"#,
            profile: BARRIER,
            make: |p| {
                let parties = param(p, "parties", 1.0)?.max(1);
                Ok(Box::new(Bar { barrier: leak(Barrier::new(parties)), parties, arrived: leak(RefCell::new(0)) }))
            },
        },
    ]
}
