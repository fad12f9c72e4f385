//! async-std's primitives (async-std 1.12, Debian's librust-async-std-dev), by the models' names.
//!
//! async-std 1.12's `Mutex`, `RwLock` and `Barrier` are async-lock's, re-exported
//! (`pub use async_lock::{Mutex, RwLock, Barrier}` in `async_std::sync`), so they are driven as
//! async-lock's are (`async_lock_port.rs`), and they differ where it does. async-std has no
//! semaphore. Its own primitive is `Condvar` (behind the `unstable` feature):
//!
//! - `Condition`: a `Condvar` with a `Mutex<()>`; `wait` is `lock().await` then
//!   `wait(guard).await`, which resolves `true` (the guard is dropped at once: the model's
//!   Condition has no lock of its own); `notify(n)` is `notify_one()` n times; `notifyAll` is
//!   `notify_all()`. Nobody holds the mutex between two actions, so `notify` needs no lock.

use super::async_lock_port::{leak, param, Bar, Lock, BARRIER, LEFT_OUT, RW, WAKEUP};
use crate::exec::{Args, Got, Made, Observation, Outcome, Port, Primitive, Val};
use async_std::sync::{Barrier, Condvar, Mutex, RwLock};
use std::cell::RefCell;

struct Cond {
    mutex: &'static Mutex<()>,
    condvar: &'static Condvar,
}

impl Primitive for Cond {
    fn call(&self, name: &str, args: &Args) -> Result<Made, String> {
        let (m, c) = (self.mutex, self.condvar);
        Ok(match name {
            "wait" => Made::Waits(Box::pin(async move {
                let guard = m.lock().await;
                drop(c.wait(guard).await);
                Got::Value(Some(Val::Bool(true)))
            })),
            "notify" => {
                let n = args.n.unwrap_or(1.0);
                // Condvar has no count: a count notify_one() cannot be called that many times is
                // refused by the driver.
                if !(n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&n)) {
                    return Ok(Made::Threw("RangeError"));
                }
                for _ in 0..n as u32 {
                    c.notify_one();
                }
                Made::Returned(Got::Value(None))
            }
            "notifyAll" => {
                c.notify_all();
                Made::Returned(Got::Value(None))
            }
            _ => return Err(format!("no call {}", name)),
        })
    }
    fn observe(&self) -> Observation {
        vec![]
    }
    fn timed_out(&self) -> Outcome {
        Outcome::Resolved(Some(Val::Bool(false)))
    }
}

pub fn ports() -> Vec<Port> {
    vec![
        Port {
            primitive: "Lock",
            declared: r#"{"calls":["acquire","tryAcquire"],"handleRelease":true,"observers":[]}"#,
            profile: WAKEUP,
            make: |_| Ok(Box::new(Lock(leak(Mutex::new(()))))),
        },
        Port {
            primitive: "RWLock",
            declared: r#"{"calls":["acquireRead","acquireWrite","tryAcquireRead","tryAcquireWrite"],"handleRelease":true,"observers":[]}"#,
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
        Port {
            primitive: "Condition",
            declared: r#"{"calls":["wait","notify","notifyAll"],"observers":[]}"#,
            // notify_one() wakes a waiter by its slot in a slab, which a newer waiter may have
            // taken from an older one: not the oldest. The profile notifies all only, and
            // notify_all() wakes in slab order too: settlements within a tick in any order.
            profile: r#"{"calls":["wait","notifyAll"],"choices":{"handoff":"wakeup","settlementOrder":"perTick"}}"#,
            make: |_| Ok(Box::new(Cond { mutex: leak(Mutex::new(())), condvar: leak(Condvar::new()) })),
        },
    ]
}
