//! tokio's `sync` primitives (tokio 1.24, Debian's librust-tokio-dev), by the models' names.
//!
//! - `Lock`: `Mutex<()>`; `acquire` is `lock()`, `tryAcquire` is `try_lock()`, the handle is
//!   the guard (dropping it unlocks).
//! - `Semaphore`: `Semaphore`; `acquire()`, `try_acquire()`, the handle is the permit, and
//!   `release` on the semaphore itself is `add_permits(1)`.
//! - `WeightedSemaphore`: a `Semaphore` of `capacity` permits; `acquire(weight)` is
//!   `acquire_many(weight)`, `tryAcquire(weight)` is `try_acquire_many(weight)`.
//! - `RWLock`: `RwLock<()>` (`with_max_readers` for a finite `maxReaders`); `read()`,
//!   `write()`, `try_read()`, `try_write()`; the handle is the guard.
//! - `Condition`: `Notify`. `wait` is `notified()`, `notify(n)` is `notify_one()` n times,
//!   `notifyAll` is `notify_waiters()`. Notify is not an `Event`: it has no flag that stays set
//!   (`notify_waiters()` wakes those waiting and remembers nothing, `notify_one()` stores one
//!   permit), so the nearest model is the Condition, whose waiters a notification wakes.
//! - `Barrier`: `Barrier`; `wait()`. Its result says only `is_leader()`: a wait's index is read
//!   as tokio's own arrival count when it arrived (its first poll), which `is_leader()` confirms
//!   for the last (`parties - 1`).
//! - `Queue`: a bounded `mpsc` channel of `maxsize` slots, items labelled by their put's id;
//!   `put` is `send()`, `putNowait` is `try_send()`, and the one `Receiver` is shared by getters
//!   through a `Mutex` (as tasks share a receiver): `get` is `lock().await.recv().await`,
//!   `getNowait` is `try_lock()` then `try_recv()`.
//!
//! Every primitive is leaked for the program's lifetime, so that its futures and guards are
//! `'static` (a few bytes per program).
//!
//! tokio has no observer of a mutex's state: `locked` is `try_lock().is_err()`, whose guard is
//! dropped at once (a free tokio mutex has nobody waiting, so that wakes nobody).

use crate::exec::{Args, Got, Made, Outcome, Params, Port, Primitive, Val, Observation};
use std::cell::RefCell;
use tokio::sync::{mpsc, Barrier, Mutex, Notify, RwLock, Semaphore};

fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

/// A count or weight the port takes as an integer, or `None` for one it cannot be given
/// (negative, fractional, NaN, infinite): the driver refuses it with `RangeError` itself.
fn whole(value: Option<f64>, default: f64) -> Option<u32> {
    let v = value.unwrap_or(default);
    (v.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&v)).then(|| v as u32)
}

fn unknown(name: &str) -> Result<Made, String> {
    Err(format!("no call {}", name))
}

struct Lock(&'static Mutex<()>);

impl Primitive for Lock {
    fn call(&self, name: &str, _: &Args) -> Result<Made, String> {
        let m = self.0;
        Ok(match name {
            "acquire" => Made::Waits(Box::pin(async move { Got::Handle(Box::new(m.lock().await)) })),
            "tryAcquire" => Made::Returned(match m.try_lock() {
                Ok(guard) => Got::Handle(Box::new(guard)),
                Err(_) => Got::Value(None),
            }),
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![("locked", Val::Bool(self.0.try_lock().is_err()))]
    }
}

struct Sem(&'static Semaphore);

impl Primitive for Sem {
    fn call(&self, name: &str, _: &Args) -> Result<Made, String> {
        let s = self.0;
        Ok(match name {
            "acquire" => Made::Waits(Box::pin(async move { permit(s.acquire().await) })),
            "tryAcquire" => Made::Returned(try_permit(s.try_acquire())),
            "release" => {
                s.add_permits(1);
                Made::Returned(Got::Value(None))
            }
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![("value", Val::Num(self.0.available_permits() as f64))]
    }
}

fn permit<P: 'static, E>(acquired: Result<P, E>) -> Got {
    // acquire fails only on a closed semaphore, and the driver never closes one.
    match acquired {
        Ok(permit) => Got::Handle(Box::new(permit)),
        Err(_) => Got::Error("InvalidStateError"),
    }
}

fn try_permit<P: 'static, E>(acquired: Result<P, E>) -> Got {
    match acquired {
        Ok(permit) => Got::Handle(Box::new(permit)),
        Err(_) => Got::Value(None),
    }
}

struct Weighted(&'static Semaphore);

impl Primitive for Weighted {
    fn call(&self, name: &str, args: &Args) -> Result<Made, String> {
        let s = self.0;
        let weight = whole(args.weight, f64::NAN);
        Ok(match (name, weight) {
            ("acquire", Some(n)) => Made::Waits(Box::pin(async move { permit(s.acquire_many(n).await) })),
            ("acquire", None) => Made::Waits(Box::pin(async { Got::Error("RangeError") })),
            ("tryAcquire", Some(n)) => Made::Returned(try_permit(s.try_acquire_many(n))),
            ("tryAcquire", None) => Made::Threw("RangeError"),
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![("value", Val::Num(self.0.available_permits() as f64))]
    }
}

struct RW(&'static RwLock<()>);

impl Primitive for RW {
    fn call(&self, name: &str, _: &Args) -> Result<Made, String> {
        let l = self.0;
        Ok(match name {
            "acquireRead" => Made::Waits(Box::pin(async move { Got::Handle(Box::new(l.read().await)) })),
            "acquireWrite" => Made::Waits(Box::pin(async move { Got::Handle(Box::new(l.write().await)) })),
            "tryAcquireRead" => Made::Returned(try_permit(l.try_read())),
            "tryAcquireWrite" => Made::Returned(try_permit(l.try_write())),
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![]
    }
}

struct Cond(&'static Notify);

impl Primitive for Cond {
    fn call(&self, name: &str, args: &Args) -> Result<Made, String> {
        let n = self.0;
        Ok(match name {
            "wait" => Made::Waits(Box::pin(async move {
                n.notified().await;
                Got::Value(Some(Val::Bool(true)))
            })),
            "notify" => match whole(args.n, 1.0) {
                Some(count) => {
                    for _ in 0..count {
                        n.notify_one();
                    }
                    Made::Returned(Got::Value(None))
                }
                None => Made::Threw("RangeError"),
            },
            "notifyAll" => {
                n.notify_waiters();
                Made::Returned(Got::Value(None))
            }
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        vec![]
    }
    fn timed_out(&self) -> Outcome {
        Outcome::Resolved(Some(Val::Bool(false)))
    }
}

struct Bar {
    barrier: &'static Barrier,
    parties: usize,
    /// tokio's own count of arrivals in the group being filled, kept alongside it.
    arrived: &'static RefCell<usize>,
}

impl Primitive for Bar {
    fn call(&self, name: &str, _: &Args) -> Result<Made, String> {
        let (b, parties, arrived) = (self.barrier, self.parties, self.arrived);
        Ok(match name {
            "wait" => Made::Waits(Box::pin(async move {
                // The first poll is the arrival: tokio counts it then, whatever happens after.
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

struct Chan {
    tx: &'static mpsc::Sender<i64>,
    rx: &'static Mutex<mpsc::Receiver<i64>>,
}

impl Primitive for Chan {
    fn call(&self, name: &str, args: &Args) -> Result<Made, String> {
        let (tx, rx, label) = (self.tx, self.rx, args.id);
        Ok(match name {
            "put" => Made::Waits(Box::pin(async move {
                match tx.send(label).await {
                    Ok(()) => Got::Value(None),
                    Err(_) => Got::Error("QueueShutDown"),
                }
            })),
            "putNowait" => match tx.try_send(label) {
                Ok(()) => Made::Returned(Got::Value(None)),
                Err(_) => Made::Threw("QueueFull"),
            },
            "get" => Made::Waits(Box::pin(async move {
                match rx.lock().await.recv().await {
                    Some(item) => Got::Value(Some(Val::Num(item as f64))),
                    None => Got::Error("QueueShutDown"),
                }
            })),
            "getNowait" => match rx.try_lock().ok().and_then(|mut r| r.try_recv().ok()) {
                Some(item) => Made::Returned(Got::Value(Some(Val::Num(item as f64)))),
                None => Made::Threw("QueueEmpty"),
            },
            _ => return unknown(name),
        })
    }
    fn observe(&self) -> Observation {
        let (max, free) = (self.tx.max_capacity(), self.tx.capacity());
        vec![("maxsize", Val::Num(max as f64)), ("qsize", Val::Num((max - free) as f64)), ("full", Val::Bool(free == 0))]
    }
}

fn param(params: &Params, name: &str, default: f64) -> Result<usize, String> {
    let v = params.get(name).unwrap_or(default);
    if v.fract() == 0.0 && v >= 0.0 && v <= u32::MAX as f64 {
        Ok(v as usize)
    } else {
        Err(format!("tokio takes no {} of {}", name, v))
    }
}

/// Every primitive tokio has, with the hello entry of the raw run and what its profile declares.
pub fn ports() -> Vec<Port> {
    vec![
        Port {
            primitive: "Lock",
            declared: r#"{"calls":["acquire","tryAcquire"],"handleRelease":true,"observers":["locked"]}"#,
            // A future dropped after the mutex was handed to it, before it was polled, gives the
            // lock back (Acquire's Drop): within one tick, "handed over, then aborted" loses the
            // grant. Signals are left out; a timeout fires only after every continuation ran, so
            // timeouts cannot show it.
            profile: r#"{"options":{"timeout":true,"signal":false}}"#,
            make: |_| Ok(Box::new(Lock(leak(Mutex::new(()))))),
        },
        Port {
            primitive: "Semaphore",
            declared: r#"{"calls":["acquire","tryAcquire","release"],"handleRelease":true,"observers":["value"],"params":{"value":[0,1,2,3]}}"#,
            // add_permits(1) adds a permit and gives back no grant: the oldest permit's holder
            // still gives its own back when dropped (rule 8). The profile leaves the
            // semaphore's own release out, and signals, as the Lock's.
            profile: r#"{"calls":["acquire","tryAcquire"],"options":{"timeout":true,"signal":false}}"#,
            make: |p| Ok(Box::new(Sem(leak(Semaphore::new(param(p, "value", 1.0)?))))),
        },
        Port {
            primitive: "WeightedSemaphore",
            declared: r#"{"calls":["acquire","tryAcquire"],"handleRelease":true,"observers":["value"],"params":{"capacity":[1,2,3,4]}}"#,
            // acquire_many assigns the units a waiting head asks for as they come free, before it
            // has all of them: available_permits() then shows fewer units than the model's value.
            // acquire_many(0) is granted at once, and a weight above the capacity waits for ever:
            // tokio takes any u32. The profile keeps the observer out, bad weights out (and so
            // capacities below the largest weight programs ask, 3), and signals out. Waiters a
            // release admits are woken newest first, as the RWLock's.
            profile: r#"{"choices":{"settlementOrder":"perTick"},"observers":[],"badInput":false,"params":{"capacity":[3,4]},"options":{"timeout":true,"signal":false}}"#,
            make: |p| Ok(Box::new(Weighted(leak(Semaphore::new(param(p, "capacity", 1.0)?))))),
        },
        Port {
            primitive: "RWLock",
            declared: r#"{"calls":["acquireRead","acquireWrite","tryAcquireRead","tryAcquireWrite"],"handleRelease":true,"observers":[]}"#,
            // tokio assigns the lock to the waiters a release admits in queue order, then wakes
            // them in reverse (its WakeList wakes the last one pushed first): settlements within
            // one release come newest first.
            profile: r#"{"choices":{"settlementOrder":"perTick"},"options":{"timeout":true,"signal":false}}"#,
            make: |p| {
                let max = p.get("maxReaders").unwrap_or(f64::INFINITY);
                let lock = if max.is_infinite() { RwLock::new(()) } else { RwLock::with_max_readers((), param(p, "maxReaders", 1.0)? as u32) };
                Ok(Box::new(RW(leak(lock))))
            },
        },
        Port {
            primitive: "Condition",
            declared: r#"{"calls":["wait","notify","notifyAll"],"observers":[]}"#,
            // notify_one() with nobody waiting stores a permit that the next wait takes at once:
            // the profile makes no notify(n), only notify_waiters(), which stores nothing.
            // notify_waiters() wakes the waiters newest first (the WakeList again).
            profile: r#"{"calls":["wait","notifyAll"],"choices":{"settlementOrder":"perTick"},"options":{"timeout":true,"signal":false}}"#,
            make: |_| Ok(Box::new(Cond(leak(Notify::new())))),
        },
        Port {
            primitive: "Barrier",
            declared: r#"{"calls":["wait"],"observers":[],"params":{"parties":[1,2,3]}}"#,
            // A dropped wait still counts as arrived (tokio counts at arrival and never gives
            // it back): after a timeout or an abort, the group trips short. The profile waits
            // with neither. The group is woken through a watch channel, newest first.
            profile: r#"{"choices":{"settlementOrder":"perTick"},"options":{"timeout":false,"signal":false}}"#,
            make: |p| {
                let parties = param(p, "parties", 1.0)?.max(1);
                Ok(Box::new(Bar { barrier: leak(Barrier::new(parties)), parties, arrived: leak(RefCell::new(0)) }))
            },
        },
        Port {
            primitive: "Queue",
            declared: r#"{"calls":["put","putNowait","get","getNowait"],"observers":["maxsize","qsize","full"],"params":{"maxsize":[1,2,3]}}"#,
            // A get that frees a slot assigns it to the oldest waiting send at once, but the send's
            // item enters the channel only when that send is polled: until the tick's
            // continuations run, qsize() counts the slot and the item is not there to get. And a
            // send to a waiting getter only wakes it: the item waits in the channel, where another
            // call can take it, or fill the slot first (the model's handoff "wakeup").
            profile: r#"{"choices":{"handoff":"wakeup","observe":"afterTick"},"options":{"timeout":true,"signal":false}}"#,
            make: |p| {
                let (tx, rx) = mpsc::channel(param(p, "maxsize", 1.0)?.max(1));
                Ok(Box::new(Chan { tx: leak(tx), rx: leak(Mutex::new(rx)) }))
            },
        },
    ]
}
