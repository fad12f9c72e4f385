//! tokio 1.24 (Debian's) wakes the waiters one release admits newest first: a `Semaphore` (and
//! so an `RwLock`, whose readers are admitted together) assigns the permits in queue order, then
//! wakes them through a `WakeList` that wakes the last pushed first. The toro-ts model settles
//! them in the order the handoffs were decided, oldest first (rule 4).
//!
//! ```sh
//! cargo run --offline --release --example tokio_wake_order   # exit status 1 on tokio 1.24
//! ```
//!
//! A version difference: tokio-rs/tokio#6521 ("util: make `WakeList::wake_all` use FIFO
//! ordering", merged in 2024, tokio 1.38) made it oldest first.

use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};
use tokio::sync::Semaphore;

struct Record(&'static str, Arc<Mutex<Vec<&'static str>>>);

impl Wake for Record {
    fn wake(self: Arc<Self>) {
        self.1.lock().unwrap().push(self.0);
    }
}

fn main() {
    let semaphore = Semaphore::new(0);
    let woken = Arc::new(Mutex::new(Vec::new()));
    let mut first = pin!(semaphore.acquire());
    let mut second = pin!(semaphore.acquire());
    for (name, future) in [("first", first.as_mut()), ("second", second.as_mut())] {
        let waker = Waker::from(Arc::new(Record(name, woken.clone())));
        assert!(future.poll(&mut Context::from_waker(&waker)).is_pending());
    }
    semaphore.add_permits(2); // one release of two permits admits both waiters
    let order = woken.lock().unwrap().clone();
    println!("woken: {:?} (the model: [\"first\", \"second\"])", order);
    std::process::exit(if order == ["first", "second"] { 0 } else { 1 });
}
