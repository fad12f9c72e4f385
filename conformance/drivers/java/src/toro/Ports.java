package toro;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * java.util.concurrent, by the models' names, every primitive with fairness on. Each port says
 * how its calls are made, why its quiet test is sound, and (in {@code profile}) each choice the
 * profile declares, with the difference that asks for it (docs/guides/java.md shows them all).
 */
final class Ports {
    private Ports() {}

    static final String HANDLE = "handle";

    /**
     * How a non-blocking acquire is spelled. The raw run uses the natural {@code tryLock()} and
     * {@code tryAcquire(n)}, which barge even when the lock is fair ("will immediately acquire the
     * lock if it is available, whether or not other threads are currently waiting", their javadoc
     * says); the profile uses {@code tryLock(0, SECONDS)} and {@code tryAcquire(n, 0, SECONDS)},
     * the spelling the javadoc gives for honouring the fairness setting.
     */
    static boolean fairTry;

    /** A call Java cannot make: its argument is not an {@code int} (the compiler would refuse it). */
    static final class NotAnInt extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotAnInt(Object value) {
            super("not an int: " + value);
        }
    }

    static String error(String call, Throwable e) {
        if (e instanceof IllegalMonitorStateException) return "InvalidStateError"; // unlock() by a thread that does not hold it
        if (e instanceof NotAnInt) return "TypeError";
        if (e instanceof IllegalArgumentException) return "RangeError"; // a negative number of permits
        if (e instanceof IllegalStateException) return "QueueFull"; // add() on a full queue
        if (e instanceof NoSuchElementException) return "QueueEmpty"; // remove() on an empty one
        if (e instanceof BrokenBarrierException) return "BrokenBarrierError";
        return e.getClass().getSimpleName();
    }

    /** An {@code int} argument, as a Java caller can give one. */
    static int integer(Object value) {
        double d = Runner.number(value);
        if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > Integer.MAX_VALUE) throw new NotAnInt(value);
        return (int) d;
    }

    static int param(Map<String, Object> params, String name, int otherwise) {
        return params.containsKey(name) ? integer(params.get(name)) : otherwise;
    }

    static Object tryLock(Lock lock) throws InterruptedException {
        return (fairTry ? lock.tryLock(0, TimeUnit.SECONDS) : lock.tryLock()) ? HANDLE : null;
    }

    static Object tryAcquire(Semaphore s, int permits) throws InterruptedException {
        return (fairTry ? s.tryAcquire(permits, 0, TimeUnit.SECONDS) : s.tryAcquire(permits)) ? HANDLE : null;
    }

    /**
     * The calls still running all wait in the synchronizer's queue, parked. Parked matters: a
     * thread that has just taken the lock or its permits is still listed in the queue until it
     * unlinks itself, but it is running, not WAITING. A thread unparked but not yet running still
     * shows WAITING, so a port reads first whether its head could go in (true after any release
     * that unparks it), then this: a thread that went in between runs, or has returned, which
     * the runner checks last.
     */
    static boolean queued(List<? extends Runner.Call<?>> live, java.util.function.Predicate<Thread> inQueue) {
        for (Runner.Call<?> c : live) if (c.thread.getState() != Thread.State.WAITING || !inQueue.test(c.thread)) return false;
        return true;
    }

    /** The oldest call still running: with fairness on, the head of the queue (calls queue in call order). */
    static <T> Runner.Call<T> head(List<? extends Runner.Call<T>> live) {
        Runner.Call<T> head = live.get(0);
        for (Runner.Call<T> c : live) if (c.id < head.id) head = c;
        return head;
    }

    static Map<String, Object> choices(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) out.put((String) pairs[i], pairs[i + 1]);
        return out;
    }

    /**
     * Lock: {@code new ReentrantLock(true)}. Quiet when the lock is held and every call still
     * running is parked in its queue: a queued thread proceeds only when the lock is free (a fair
     * lock lets no newcomer past it), and the holders are threads that wait for their release.
     */
    static Port<ReentrantLock> lock() {
        Port<ReentrantLock> p = new Port<>(params -> new ReentrantLock(true));
        p.waiting("acquire", (l, a) -> {
            l.lockInterruptibly();
            return HANDLE;
        });
        p.call("tryAcquire", (l, a) -> tryLock(l)).call("release", (l, a) -> {
            l.unlock();
            return null;
        });
        p.holding("acquire").holding("tryAcquire").observer("locked", ReentrantLock::isLocked);
        p.release = (l, a) -> l.unlock();
        p.quiet = (l, live) -> l.isLocked() && queued(live, l::hasQueuedThread);
        // Only the thread that holds a ReentrantLock may unlock it: unlock() by any other throws
        // IllegalMonitorStateException, where the model's release() gives back the oldest grant.
        // Programs release it by its handle only, from the holder's thread.
        p.profile.put("calls", List.of("acquire", "tryAcquire"));
        return p;
    }

    /**
     * A fair {@link Semaphore} that shows which threads wait in it: Semaphore has no public
     * {@code hasQueuedThread}, but offers {@code getQueuedThreads()} to subclasses "that provide
     * more extensive monitoring facilities". Nothing else is changed.
     */
    static final class WatchedSemaphore extends Semaphore {
        private static final long serialVersionUID = 1L;

        WatchedSemaphore(int permits) {
            super(permits, true);
        }

        boolean queues(Thread thread) {
            return getQueuedThreads().contains(thread);
        }
    }

    /**
     * Semaphore: {@code new Semaphore(value, true)}. Quiet when every call still running is in
     * its queue and no permit is free for the head: a fair semaphore lets nobody past the head,
     * and the head proceeds only when a permit is free.
     */
    static Port<WatchedSemaphore> semaphore() {
        Port<WatchedSemaphore> p = new Port<>(params -> new WatchedSemaphore(param(params, "value", 1)));
        p.waiting("acquire", (s, a) -> {
            s.acquire();
            return HANDLE;
        });
        p.call("tryAcquire", (s, a) -> tryAcquire(s, 1)).call("release", (s, a) -> {
            s.release();
            return null;
        });
        p.holding("acquire").holding("tryAcquire").observer("value", Semaphore::availablePermits);
        p.release = (s, a) -> s.release();
        p.quiet = (s, live) -> s.availablePermits() < 1 && queued(live, s::queues);
        p.declared.put("params", Map.of("value", List.of(0, 1, 2, 3)));
        // A Semaphore is a count with no owner: release() adds a permit, whoever calls it, and the
        // thread that took one still gives its own back when it leaves its block, where the
        // model's release() gives back the oldest grant (rule 8). Programs use release() only.
        p.profile.put("handleRelease", false);
        return p;
    }

    /**
     * WeightedSemaphore: {@code new Semaphore(capacity, true)} and {@code acquire(weight)}. Quiet as
     * a Semaphore, the head needing its weight: with fairness on, a head that needs more than is
     * free holds back everyone behind it.
     */
    static Port<WatchedSemaphore> weighted() {
        Port<WatchedSemaphore> p = new Port<>(params -> new WatchedSemaphore(param(params, "capacity", 1)));
        p.waiting("acquire", (s, a) -> {
            s.acquire(integer(a.weight));
            return HANDLE;
        });
        p.call("tryAcquire", (s, a) -> tryAcquire(s, integer(a.weight)));
        p.holding("acquire").holding("tryAcquire").observer("value", Semaphore::availablePermits);
        p.release = (s, a) -> s.release(integer(a.weight));
        p.quiet = (s, live) -> s.availablePermits() < integer(head(live).args.weight) && queued(live, s::queues);
        p.declared.put("params", Map.of("capacity", List.of(1, 2, 3, 4)));
        // A Semaphore has no capacity: acquire(0) queues behind waiters or takes nothing, and
        // acquire(n) above every permit there is waits forever, where the model refuses both
        // (RangeError); a fraction cannot be passed at all. The profile leaves bad weights out,
        // and capacities below the largest weight programs ask for (3).
        p.profile.put("params", Map.of("capacity", List.of(3, 4)));
        // A waiter that gives up at the head lets in those behind it as it leaves, and returns
        // before they do, where the model settles them first; and a release that frees several
        // waiters' weights wakes them one after another, each thread returning when the scheduler
        // runs it. The profile compares who settled in a tick, not in which order.
        p.profile.put("badInput", false);
        p.profile.put("choices", choices("settlementOrder", "perTick"));
        return p;
    }

    /**
     * RWLock: {@code new ReentrantReadWriteLock(true)}. Quiet when every call still running is in
     * the lock's one queue and its head cannot go in: a writer while anyone holds the lock, a
     * reader while a writer does (a fair reader never passes a queued writer, and the readers
     * behind a reader that goes in are let in after it).
     */
    static Port<ReentrantReadWriteLock> rwlock() {
        Port<ReentrantReadWriteLock> p = new Port<>(params -> new ReentrantReadWriteLock(true));
        p.waiting("acquireRead", (rw, a) -> {
            rw.readLock().lockInterruptibly();
            return HANDLE;
        });
        p.waiting("acquireWrite", (rw, a) -> {
            rw.writeLock().lockInterruptibly();
            return HANDLE;
        });
        p.call("tryAcquireRead", (rw, a) -> tryLock(rw.readLock())).call("tryAcquireWrite", (rw, a) -> tryLock(rw.writeLock()));
        for (String call : List.of("acquireRead", "acquireWrite", "tryAcquireRead", "tryAcquireWrite")) p.holding(call);
        p.observer("statistics", rw -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("readers", rw.getReadLockCount());
            s.put("writing", rw.isWriteLocked());
            s.put("waiting", rw.getQueueLength());
            return s;
        });
        p.release = (rw, a) -> (a.call.name.endsWith("Read") ? rw.readLock() : rw.writeLock()).unlock();
        p.quiet = (rw, live) -> {
            boolean reader = head(live).name.endsWith("Read");
            return (rw.isWriteLocked() || (!reader && rw.getReadLockCount() > 0)) && queued(live, rw::hasQueuedThread);
        };
        // Java has no limit on readers but its 65535: only the model's unlimited lock compares.
        p.declared.put("params", Map.of("maxReaders", List.of("Infinity")));
        // A writer that gives up at the head lets in the readers behind it as it leaves, and
        // returns before they do, where the model settles them first; the readers a release lets
        // in go in one after another, each thread returning when the scheduler runs it. The
        // profile compares who settled in a tick, not in which order.
        p.profile.put("choices", choices("settlementOrder", "perTick"));
        return p;
    }

    /**
     * Barrier: {@code new CyclicBarrier(parties)}. {@code await()} numbers arrivals from
     * {@code parties - 1} (the first) down to 0 (the one that trips it), the model from 0 up: the
     * driver shows {@code parties - 1 - index}, the same place in the model's numbering. Quiet
     * when every call still running waits in this cycle, as many as getNumberWaiting() counts
     * under the barrier's lock: a thread let go by a trip, a reset or a break is no longer counted
     * but still running.
     */
    static Port<CyclicBarrier> barrier() {
        Port<CyclicBarrier> p = new Port<>(params -> new CyclicBarrier(param(params, "parties", 1)));
        p.waiting("wait", (b, a) -> b.getParties() - 1 - b.await());
        p.call("reset", (b, a) -> {
            b.reset();
            return null;
        });
        p.observer("parties", CyclicBarrier::getParties).observer("broken", CyclicBarrier::isBroken).observer("statistics", b -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("waiting", b.getNumberWaiting());
            s.put("broken", b.isBroken());
            s.put("parties", b.getParties());
            return s;
        });
        p.quiet = (b, live) -> b.getNumberWaiting() == live.size();
        // An interrupted or timed-out await() breaks the barrier for every party (the javadoc's
        // all-or-none breakage model), where the model lets one waiter leave and the others wait
        // on. No choice names that: the profile makes no timeouts and no signals. The threads a
        // trip lets go return when the scheduler runs them: who settled is compared, not the order.
        p.profile.put("options", choices("timeout", false, "signal", false));
        p.profile.put("choices", choices("settlementOrder", "perTick"));
        return p;
    }

    /** Condition: a fair ReentrantLock's {@code newCondition()}; every call holds the lock, as Java requires. */
    static final class Monitor {
        final ReentrantLock lock = new ReentrantLock(true);
        final Condition condition = lock.newCondition();
    }

    /**
     * Condition. {@code wait} is {@code await()} with the lock held; a timed-out wait resolves
     * {@code false}, the model's word. Java has no {@code notify(n)}: it is n {@code signal()}s.
     * A waiter takes its place among the settlements while it holds the lock again, so the order
     * is the lock's. Quiet when every call still running waits on the condition, as
     * getWaitQueueLength() counts them, read holding the lock: a thread signalled but not yet
     * back is not counted (it is in the lock's queue, ahead of the driver's own lock()).
     */
    static Port<Monitor> condition() {
        Port<Monitor> p = new Port<>(params -> new Monitor());
        p.waiting("wait", (m, a) -> {
            m.lock.lock();
            try {
                m.condition.await();
                a.settleHere();
                return true;
            } catch (InterruptedException e) {
                a.settleHere();
                throw e;
            } finally {
                m.lock.unlock();
            }
        });
        p.call("notify", (m, a) -> {
            int n = a.n == null ? 1 : integer(a.n);
            m.lock.lock();
            try {
                for (int i = 0; i < n && m.lock.hasWaiters(m.condition); i++) m.condition.signal();
            } finally {
                m.lock.unlock();
            }
            return null;
        });
        p.call("notifyAll", (m, a) -> {
            m.lock.lock();
            try {
                m.condition.signalAll();
            } finally {
                m.lock.unlock();
            }
            return null;
        });
        p.timeoutValue = false;
        p.quiet = (m, live) -> {
            m.lock.lock();
            try {
                return m.lock.getWaitQueueLength(m.condition) == live.size();
            } finally {
                m.lock.unlock();
            }
        };
        // notify(n) is the driver's loop of signal(), which no Java API checks: -1 signals nobody,
        // and a fraction or NaN cannot be an int. The profile leaves bad counts out.
        p.profile.put("badInput", false);
        return p;
    }

    /** A PriorityBlockingQueue item: least key first, ties in put order (the javadoc's FIFOEntry idiom). */
    record Item(int key, int label) implements Comparable<Item> {
        @Override
        public int compareTo(Item other) {
            return key != other.key ? Integer.compare(key, other.key) : Integer.compare(label, other.label);
        }
    }

    /**
     * A blocking queue and, read by reflection, the lock and conditions it waits on: the queues
     * keep them private, and nothing public says how many threads wait in put() or take(). The
     * driver only reads them, to know when to go on (it needs
     * {@code --add-opens java.base/java.util.concurrent=ALL-UNNAMED}).
     */
    static final class Queue {
        final BlockingQueue<Object> queue;
        final int maxsize;
        final ReentrantLock lock;
        final Condition[] waits;

        Queue(BlockingQueue<Object> queue, int maxsize) {
            this.queue = queue;
            this.maxsize = maxsize;
            try {
                lock = (ReentrantLock) field(queue, "lock");
                waits = queue instanceof PriorityBlockingQueue ? new Condition[] {(Condition) field(queue, "notEmpty")} : new Condition[] {(Condition) field(queue, "notEmpty"), (Condition) field(queue, "notFull")};
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot see inside " + queue.getClass().getName(), e);
            }
        }

        private static Object field(Object owner, String name) throws ReflectiveOperationException {
            Field field = owner.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(owner);
        }

        /**
         * Quiet when every call still running waits on one of the queue's conditions, counted
         * holding its lock: a thread signalled but not back yet is in the lock's queue, not
         * counted, and done before the driver's lock() is through.
         */
        boolean quiet(int live) {
            lock.lock();
            try {
                int waiting = 0;
                for (Condition c : waits) waiting += lock.getWaitQueueLength(c);
                return waiting == live;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Queue (ArrayBlockingQueue, fair), PriorityQueue (PriorityBlockingQueue) and LifoQueue
     * (LinkedBlockingDeque, at its head): put and take wait; add and remove are the non-blocking
     * calls, whose IllegalStateException and NoSuchElementException are QueueFull and QueueEmpty.
     * An item is its put's label (the call's id). Java has no unfinished-task count: no taskDone,
     * join or shutdown. An unbounded queue (the model's maxsize 0) has Integer.MAX_VALUE room.
     */
    static Port<Queue> queue(String kind) {
        Port<Queue> p = new Port<>(params -> {
            int maxsize = param(params, "maxsize", 0);
            BlockingQueue<Object> q = switch (kind) {
                case "Queue" -> new ArrayBlockingQueue<>(maxsize, true);
                case "PriorityQueue" -> new PriorityBlockingQueue<>();
                default -> maxsize == 0 ? new LinkedBlockingDeque<>() : new LinkedBlockingDeque<>(maxsize);
            };
            return new Queue(q, maxsize);
        });
        boolean lifo = kind.equals("LifoQueue");
        p.waiting("put", (q, a) -> {
            Object item = item(kind, a);
            if (lifo) ((LinkedBlockingDeque<Object>) q.queue).putFirst(item);
            else q.queue.put(item);
            return null;
        });
        p.call("putNowait", (q, a) -> {
            Object item = item(kind, a);
            if (lifo) ((LinkedBlockingDeque<Object>) q.queue).addFirst(item);
            else q.queue.add(item);
            return null;
        });
        p.waiting("get", (q, a) -> label(lifo ? ((LinkedBlockingDeque<Object>) q.queue).takeFirst() : q.queue.take()));
        p.call("getNowait", (q, a) -> label(lifo ? ((LinkedBlockingDeque<Object>) q.queue).removeFirst() : q.queue.remove()));
        p.observer("maxsize", q -> q.maxsize).observer("qsize", q -> q.queue.size()).observer("empty", q -> q.queue.isEmpty()).observer("full", q -> q.queue.remainingCapacity() == 0);
        p.quiet = (q, live) -> q.quiet(live.size());
        // ArrayBlockingQueue needs room for one item at least: it has no unbounded form, and
        // PriorityBlockingQueue no bounded one.
        p.declared.put("params", Map.of("maxsize", kind.equals("Queue") ? List.of(1, 2, 3) : kind.equals("PriorityQueue") ? List.of(0) : List.of(0, 1, 2, 3)));
        // The thread a put or take wakes returns when the scheduler runs it, after the call that
        // woke it or before: the profile compares who settled in a tick, not in which order.
        p.profile.put("choices", choices("settlementOrder", "perTick"));
        if (lifo) {
            // takeFirst() with putters waiting takes the head, then wakes the oldest putter, whose
            // item goes in after: the model moves that putter's item in first and returns it
            // (rule 7). The profile checks the LifoQueue unbounded only.
            p.profile.put("params", Map.of("maxsize", List.of(0)));
        }
        if (!kind.equals("Queue")) {
            // PriorityBlockingQueue.put() never waits and never looks at the interrupt status (it
            // declares no InterruptedException), nor does putFirst() while there is room; take()
            // and takeFirst() refuse at once. A put made with a signal already aborted goes in, a
            // get does not: no one choice says both, so the profile makes no signals for these two
            // (a timeout only ever ends a call that waits, which these puts never do).
            p.profile.put("options", choices("timeout", true, "signal", false));
        }
        return p;
    }

    private static Object item(String kind, Runner.Args a) {
        return kind.equals("PriorityQueue") ? new Item(a.key, a.id) : (Object) a.id;
    }

    private static Object label(Object item) {
        return item instanceof Item i ? i.label : item;
    }

    /** Every port, by the model's primitive names. */
    static Map<String, Port<?>> all() {
        Map<String, Port<?>> ports = new LinkedHashMap<>();
        ports.put("Lock", lock());
        ports.put("Semaphore", semaphore());
        ports.put("WeightedSemaphore", weighted());
        ports.put("RWLock", rwlock());
        ports.put("Barrier", barrier());
        ports.put("Condition", condition());
        for (String kind : List.of("Queue", "PriorityQueue", "LifoQueue")) ports.put(kind, queue(kind));
        return ports;
    }
}
