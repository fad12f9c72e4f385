package toro;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs toro-check programs (conformance/PROTOCOL.md's vocabulary) on a java.util.concurrent port.
 * No protocol here: {@link Driver} speaks it, and a reproduction runs this class as it is.
 *
 * <p>Every call is made by a thread of its own, as callers of a lock are threads in Java (a
 * pooled thread, reused once its call and anything it holds are done). After each action the
 * runner waits until the port is <em>quiet</em>: every call has returned, or its thread waits in
 * the primitive's own queue where nothing can let it through until another action; what "can let
 * it through" means is the port's {@link Port.Quiet} (each says why its test is sound). Only then
 * does the next action start, so a program runs the same way every time.
 *
 * <p>A call that is granted a permit leaves its thread holding it, as the thread inside {@code
 * lock(); try { ... } finally { unlock(); }} does; {@code release} on its handle makes that thread
 * leave its block, once. Cancellation is {@link Thread#interrupt()}: a signal's abort interrupts
 * each call still waiting with it, a call made with a signal already aborted starts with its
 * interrupt status set, and a timeout is an interrupt at its deadline on the driver's own clock
 * (virtual microseconds, which move only by {@code advance}), one at a time in deadline order,
 * ties in the order they were set.
 *
 * <p>Settlements are listed in the order the calls settled: each call takes a number from one
 * counter when it returns, or, where the port says so, while it still holds the primitive's lock
 * (so the numbers follow the lock's order, not the scheduler's).
 */
final class Runner<T> {
    /** Threads for calls: daemons, so that a program that never settles cannot keep the driver alive. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "toro-call");
        thread.setDaemon(true);
        return thread;
    });
    private static final long SETTLE_NANOS = 3_000_000_000L;

    /** One call of a program, and the thread that makes it. */
    static final class Call<T> implements Runnable {
        final Runner<T> runner;
        final int id;
        final String name;
        final boolean waits;
        final Integer signal;
        final Long deadline; // virtual microseconds
        final long set; // the order its timer was set in
        final boolean abortedBefore;
        final Args args;
        volatile Thread thread;
        volatile String cancel; // why the runner interrupted it: timeout, aborted, or the program's end
        volatile Map<String, Object> result; // a call that returns at once
        volatile Map<String, Object> settlement; // a call that waits
        volatile long place; // its number among the settlements
        volatile int tick;
        volatile boolean granted; // it was given a handle
        volatile boolean holding; // its thread holds what it was given
        volatile boolean done; // the call has returned or thrown: written last, read first
        volatile boolean finished; // the thread has left the call and everything it held
        volatile boolean releaseOrdered;
        volatile boolean giveBack;
        volatile Map<String, Object> released;
        final CountDownLatch leave = new CountDownLatch(1);

        Call(Runner<T> runner, int id, String name, boolean waits, Integer signal, Long deadline, long set, boolean abortedBefore, Args args) {
            this.runner = runner;
            this.id = id;
            this.name = name;
            this.waits = waits;
            this.signal = signal;
            this.deadline = deadline;
            this.set = set;
            this.abortedBefore = abortedBefore;
            this.args = args;
            args.call = this;
        }

        /** Takes this call's place among the settlements now (a port calls it while holding its lock). */
        void settleHere() {
            if (place == 0) place = runner.order.incrementAndGet();
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            Port<T> port = runner.port;
            Object value = null;
            String kind;
            String error = null;
            try {
                if (abortedBefore) thread.interrupt(); // its signal had aborted before the call
                value = port.calls.get(name).call(runner.primitive, args);
                kind = "returned";
            } catch (InterruptedException e) {
                kind = cancel == null ? "aborted" : cancel;
            } catch (Exception | Error e) { // the port refused the call: by the model's name
                kind = "threw";
                error = port.error(name, e);
            }
            Thread.interrupted();
            settleHere();
            record(port, kind, value, error);
            done = true;
            if (holding) {
                hold(port);
            }
            finished = true;
        }

        private void record(Port<T> port, String kind, Object value, String error) {
            granted = "returned".equals(kind) && "handle".equals(value) && port.holds.contains(name);
            holding = granted;
            tick = runner.tick;
            if (!waits) {
                result = "threw".equals(kind) ? threw(error) : returned(value);
                return;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", id);
            switch (kind) {
                case "returned" -> {
                    s.put("outcome", "resolved");
                    if (value != null) s.put("value", value);
                }
                case "timeout" -> {
                    s.put("outcome", port.timeoutValue == null ? "timeout" : "resolved");
                    if (port.timeoutValue != null) s.put("value", port.timeoutValue);
                }
                case "threw" -> {
                    s.put("outcome", "rejected");
                    s.put("error", error);
                }
                default -> s.put("outcome", "aborted"); // aborted, or the program ended
            }
            settlement = s;
        }

        /** Holds what the call was given until its handle's release, or the program's end. */
        private void hold(Port<T> port) {
            while (true) {
                try {
                    leave.await();
                    break;
                } catch (InterruptedException e) {
                    // only a release or the program's end lets a holder go
                }
            }
            if (giveBack) {
                try {
                    port.release.run(runner.primitive, args);
                    released = returned(null);
                } catch (Exception | Error e) {
                    released = threw(port.error("release", e));
                }
            }
            holding = false;
        }
    }

    /** What a call is given, by the models' names; {@code call} is its own call. */
    static final class Args {
        final int id;
        final int key;
        final Object n; // a count (notify's n), as the program gives it; null for the call without one
        final Object weight;
        Call<?> call;

        Args(int id, int key, Object n, Object weight) {
            this.id = id;
            this.key = key;
            this.n = n;
            this.weight = weight;
        }

        /** Takes this call's place among the settlements now. */
        void settleHere() {
            call.settleHere();
        }
    }

    static Map<String, Object> threw(String error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", "threw");
        result.put("error", error);
        return result;
    }

    static Map<String, Object> returned(Object value) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", "returned");
        if (value != null) result.put("value", value);
        return result;
    }

    final Port<T> port;
    final T primitive;
    final AtomicLong order = new AtomicLong();
    volatile int tick;
    private long now; // virtual microseconds
    private long timers;
    private final Map<Integer, Call<T>> calls = new LinkedHashMap<>();
    private final Map<Integer, Boolean> signals = new HashMap<>();
    private final Set<Integer> inHand = new HashSet<>();

    Runner(Port<T> port, Map<String, Object> params) {
        this.port = port;
        this.primitive = port.make.apply(params);
    }

    Map<String, Object> observe() {
        Map<String, Object> observed = new LinkedHashMap<>();
        port.observers.forEach((name, read) -> observed.put(name, read.apply(primitive)));
        return observed;
    }

    /** Makes a tick's actions in order and says what they did, as the protocol's `ticked` does. */
    Map<String, Object> tick(List<Object> actions) throws Exception {
        tick++;
        List<Object> made = new ArrayList<>();
        for (Object a : actions) {
            @SuppressWarnings("unchecked")
            Map<String, Object> action = (Map<String, Object>) a;
            if (action.containsKey("call")) made.add(call(action));
            else if (action.containsKey("abort")) abort(((Number) action.get("abort")).intValue());
            else advance(number(action.get("advance")));
        }
        List<Call<T>> settled = new ArrayList<>();
        for (Call<T> c : calls.values()) if (c.settlement != null && c.tick == tick) settled.add(c);
        settled.sort(Comparator.comparingLong(c -> c.place));
        // A handle a waiting call resolved with is in hand from the next tick on.
        for (Call<T> c : settled) if (c.granted) inHand.add(c.id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "ticked");
        out.put("calls", made);
        out.put("settled", settled.stream().map(c -> (Object) c.settlement).toList());
        out.put("observed", observe());
        return out;
    }

    private Map<String, Object> call(Map<String, Object> action) throws Exception {
        int id = ((Number) action.get("id")).intValue();
        String name = (String) action.get("call");
        Map<String, Object> result;
        if (action.containsKey("on")) {
            result = release(((Number) action.get("on")).intValue());
        } else {
            if (!port.calls.containsKey(name)) throw new IllegalArgumentException("no call " + name);
            boolean waits = port.waits.contains(name);
            Integer signal = action.containsKey("signal") ? ((Number) action.get("signal")).intValue() : null;
            boolean abortedBefore = waits && signal != null && signals.getOrDefault(signal, false);
            if (signal != null) signals.putIfAbsent(signal, false);
            Long deadline = waits && action.containsKey("timeout") ? now + Math.round(number(action.get("timeout")) * 1000) : null;
            Args args = new Args(id, action.containsKey("key") ? ((Number) action.get("key")).intValue() : 0, action.get("n"), action.get("weight"));
            Call<T> c = new Call<>(this, id, name, waits, signal, deadline, timers++, abortedBefore, args);
            calls.put(id, c);
            THREADS.execute(c);
            settle();
            if (waits) {
                expire(now); // a zero timeout: the call times out at once if it waits
                result = Map.of("kind", "pending");
            } else if (!c.done) {
                throw new IllegalStateException("#" + id + " " + name + " did not return");
            } else {
                result = c.result;
                if (c.granted) inHand.add(id);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("result", result);
        out.put("observed", observe());
        return out;
    }

    /** `release` on the handle call `on` was given: its thread leaves its block, once. */
    private Map<String, Object> release(int on) throws Exception {
        Call<T> holder = calls.get(on);
        if (holder == null || !inHand.contains(on) || !holder.holding || holder.releaseOrdered) return returned(null);
        holder.releaseOrdered = true;
        holder.giveBack = true;
        holder.leave.countDown();
        settle();
        return holder.released;
    }

    /** Interrupts, in call order and one at a time, every call still waiting with the signal. */
    private void abort(int signal) throws Exception {
        if (signals.getOrDefault(signal, false)) return;
        signals.put(signal, true);
        for (Call<T> c : new ArrayList<>(calls.values())) {
            if (c.waits && signal == (c.signal == null ? -1 : c.signal) && !c.done) interrupt(c, "aborted");
        }
    }

    private void advance(double ms) throws Exception {
        long until = now + Math.round(ms * 1000);
        expire(until);
        now = until;
        // Time passing ends the job: what waiting calls resolved with is in hand now.
        for (Call<T> c : calls.values()) if (c.granted && c.settlement != null) inHand.add(c.id);
    }

    /** Times out, one at a time, each call still waiting whose deadline is due by {@code until}. */
    private void expire(long until) throws Exception {
        while (true) {
            Call<T> due = null;
            for (Call<T> c : calls.values()) {
                if (c.waits && !c.done && c.deadline != null && c.deadline <= until && (due == null || c.deadline < due.deadline || (c.deadline.equals(due.deadline) && c.set < due.set))) due = c;
            }
            if (due == null) return;
            now = Math.max(now, due.deadline);
            interrupt(due, "timeout");
        }
    }

    private void interrupt(Call<T> c, String why) throws Exception {
        c.cancel = why;
        c.thread.interrupt();
        settle();
    }

    /** Waits until the port is quiet: every call has returned, or waits where only another action can reach it. */
    private void settle() throws Exception {
        long start = System.nanoTime();
        for (int round = 0; !quiet(); round++) {
            if (round < 100) Thread.onSpinWait();
            else if (round < 1000) Thread.yield();
            else LockSupport.parkNanos(20_000);
            if (System.nanoTime() - start > SETTLE_NANOS) throw new IllegalStateException("the port did not settle: " + waiting());
        }
    }

    private boolean quiet() throws Exception {
        List<Call<T>> live = new ArrayList<>();
        for (Call<T> c : calls.values()) {
            if (c.thread == null) return false; // not started yet
            if (c.releaseOrdered && !c.finished) return false; // leaving its block
            if (!c.done) {
                if (c.cancel != null) return false; // interrupted: it must end
                live.add(c);
            }
        }
        if (live.isEmpty()) return true;
        if (!port.quiet.test(primitive, live)) return false;
        // A call that returned while the port looked is not waiting: look again.
        for (Call<T> c : live) if (c.done) return false;
        return true;
    }

    private String waiting() {
        StringBuilder out = new StringBuilder();
        for (Call<T> c : calls.values()) {
            if (!c.done || (c.releaseOrdered && !c.finished)) out.append(" #").append(c.id).append(' ').append(c.name).append(c.thread == null ? " (not started)" : " " + c.thread.getState());
        }
        return out.toString();
    }

    /** Ends the program: holders leave without giving back, waiters are interrupted, and every thread returns. */
    void close() {
        for (Call<T> c : calls.values()) {
            if (c.done && c.holding && !c.releaseOrdered) {
                c.releaseOrdered = true;
                c.leave.countDown();
            } else if (!c.done && c.thread != null) {
                c.cancel = "end";
                c.thread.interrupt();
            }
        }
        long start = System.nanoTime();
        for (Call<T> c : calls.values()) {
            while (!c.finished && c.thread != null && System.nanoTime() - start < SETTLE_NANOS) Thread.yield();
        }
    }

    /** A number from its JSON form (the names of those JSON cannot carry included). */
    static double number(Object value) {
        if (value instanceof Number n) return n.doubleValue();
        return switch (String.valueOf(value)) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not a number: " + value);
        };
    }

    /** The trace of a whole program ({"initial": ..., "ticks": [...]}), for a reproduction. */
    static <T> Map<String, Object> trace(Port<T> port, Map<String, Object> params, List<List<Object>> ticks) throws Exception {
        Runner<T> runner = new Runner<>(port, params);
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("initial", runner.observe());
        List<Object> out = new ArrayList<>();
        try {
            for (List<Object> actions : ticks) {
                Map<String, Object> tick = runner.tick(actions);
                tick.remove("type");
                out.add(tick);
            }
        } finally {
            runner.close();
        }
        trace.put("ticks", out);
        return trace;
    }
}
