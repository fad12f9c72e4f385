import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The smallest toro-check driver for Java: a fair ReentrantLock (conformance/PROTOCOL.md, "Driver
 * kit: Java"). One file, the JDK alone, run by the source launcher:
 *
 * <pre>
 *   npx toro-check --driver "java conformance/drivers/java/kit/LockDriver.java"
 * </pre>
 *
 * Each call runs on a thread of its own; after each action the driver waits until every call has
 * returned or is parked in the lock's queue while the lock is held, so nothing can move until
 * the next action. An acquire's thread then holds the lock until `release` on its handle. A signal
 * or a timeout (at its deadline on the driver's own clock) interrupts the call.
 */
public class LockDriver {
    static final ReentrantLock[] LOCK = {new ReentrantLock(true)};
    static final AtomicLong ORDER = new AtomicLong();
    static final Map<Integer, Call> CALLS = new LinkedHashMap<>();
    static final Set<Integer> IN_HAND = new HashSet<>();
    static final Map<Integer, Boolean> SIGNALS = new HashMap<>();
    static long now;
    static int tick;

    /** One acquire, on its own thread: it takes the lock, then holds it until its handle's release. */
    static final class Call extends Thread {
        final int id;
        final Integer signal;
        final Long deadline;
        final ReentrantLock lock = LOCK[0];
        final CountDownLatch leave = new CountDownLatch(1);
        volatile String cancel; // why it was interrupted: "timeout" or "aborted"
        volatile String outcome;
        volatile long place;
        volatile int settledIn;
        volatile boolean done, released;

        Call(int id, Integer signal, Long deadline, boolean aborted) {
            this.id = id;
            this.signal = signal;
            this.deadline = deadline;
            setDaemon(true);
            if (aborted) cancel = "aborted";
        }

        @Override
        public void run() {
            try {
                if (cancel != null) interrupt(); // its signal was aborted before the call
                lock.lockInterruptibly();
                outcome = "resolved";
            } catch (InterruptedException e) {
                outcome = cancel;
            }
            place = ORDER.incrementAndGet();
            settledIn = tick;
            done = true;
            if (!outcome.equals("resolved")) return;
            try {
                leave.await();
                lock.unlock();
            } catch (InterruptedException e) {
                // the program is over
            }
            released = true;
        }
    }

    /** Waits until every call has returned, or waits, parked, in the queue of a lock that is held. */
    static void settle() {
        while (true) {
            boolean quiet = LOCK[0].isLocked();
            for (Call c : CALLS.values()) {
                boolean parked = c.getState() == Thread.State.WAITING && LOCK[0].hasQueuedThread(c);
                if (!c.done && (c.cancel != null || !parked)) quiet = false;
                if (c.leave.getCount() == 0 && !c.released) quiet = false;
            }
            if (quiet || CALLS.values().stream().allMatch(c -> c.done && (c.leave.getCount() > 0 || c.released))) return;
            Thread.yield(); // let the call threads run: two cores may be all there is
        }
    }

    static String tick(List<Object> actions) {
        tick++;
        List<String> calls = new ArrayList<>();
        for (Object a : actions) {
            Map<?, ?> action = (Map<?, ?>) a;
            if (action.containsKey("abort")) {
                int s = ((Number) action.get("abort")).intValue();
                if (!SIGNALS.getOrDefault(s, false)) {
                    SIGNALS.put(s, true);
                    for (Call c : CALLS.values()) if (Integer.valueOf(s).equals(c.signal) && !c.done) cancel(c, "aborted");
                }
            } else if (action.containsKey("advance")) {
                expire(now + Math.round(((Number) action.get("advance")).doubleValue() * 1000));
                for (Call c : CALLS.values()) if (c.done && c.outcome.equals("resolved")) IN_HAND.add(c.id);
            } else {
                int id = ((Number) action.get("id")).intValue();
                if (action.containsKey("on")) {
                    Call holder = CALLS.get(((Number) action.get("on")).intValue());
                    if (IN_HAND.contains(holder.id)) holder.leave.countDown();
                    settle();
                    calls.add("{\"id\":" + id + ",\"result\":{\"kind\":\"returned\"}}");
                    continue;
                }
                Integer signal = action.containsKey("signal") ? ((Number) action.get("signal")).intValue() : null;
                Long deadline = action.containsKey("timeout") ? now + Math.round(((Number) action.get("timeout")).doubleValue() * 1000) : null;
                Call c = new Call(id, signal, deadline, signal != null && SIGNALS.getOrDefault(signal, false));
                if (signal != null) SIGNALS.putIfAbsent(signal, false);
                CALLS.put(id, c);
                c.start();
                settle();
                expire(now); // a zero timeout times out at once
                calls.add("{\"id\":" + id + ",\"result\":{\"kind\":\"pending\"}}");
            }
        }
        List<Call> settled = new ArrayList<>();
        for (Call c : CALLS.values()) if (c.done && c.settledIn == tick) settled.add(c);
        settled.sort((a, b) -> Long.compare(a.place, b.place));
        List<String> out = new ArrayList<>();
        for (Call c : settled) {
            out.add("{\"id\":" + c.id + ",\"outcome\":\"" + c.outcome + "\"" + (c.outcome.equals("resolved") ? ",\"value\":\"handle\"}" : "}"));
            if (c.outcome.equals("resolved")) IN_HAND.add(c.id); // in hand from the next tick on
        }
        return "{\"type\":\"ticked\",\"calls\":[" + String.join(",", calls) + "],\"settled\":[" + String.join(",", out) + "],\"observed\":{\"locked\":" + LOCK[0].isLocked() + "}}";
    }

    /** Interrupts, one at a time in deadline order (ties in call order), each call due by `until`. */
    static void expire(long until) {
        for (Call due; (due = CALLS.values().stream().filter(c -> !c.done && c.deadline != null && c.deadline <= until).min((a, b) -> Long.compare(a.deadline, b.deadline)).orElse(null)) != null;) {
            now = Math.max(now, due.deadline);
            cancel(due, "timeout");
        }
        now = until;
    }

    static void cancel(Call c, String why) {
        c.cancel = why;
        c.interrupt();
        settle();
    }

    public static void main(String[] argv) throws Exception {
        System.out.println("{\"type\":\"hello\",\"protocol\":1,\"name\":\"minimal ReentrantLock (Java " + System.getProperty("java.version")
                + ")\",\"primitives\":{\"Lock\":{\"calls\":[\"acquire\"],\"handleRelease\":true,\"observers\":[\"locked\"],\"badInput\":false}}}");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null;) {
            Map<?, ?> message = (Map<?, ?>) new Json(line).value();
            switch ((String) message.get("type")) {
                case "quit" -> System.exit(0);
                case "start" -> {
                    for (Call c : CALLS.values()) c.interrupt(); // the last program's threads end
                    LOCK[0] = new ReentrantLock(true);
                    CALLS.clear();
                    IN_HAND.clear();
                    SIGNALS.clear();
                    now = 0;
                    System.out.println("{\"type\":\"started\",\"observed\":{\"locked\":false}}");
                }
                default -> System.out.println(tick((List<Object>) message.get("actions")));
            }
        }
    }

    /** Just enough JSON to read the checker's messages: objects, arrays, strings, numbers, booleans. */
    static final class Json {
        final String s;
        int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            while (s.charAt(i) == ' ') i++;
            char c = s.charAt(i);
            if (c == '{' || c == '[') {
                boolean object = c == '{';
                Map<String, Object> map = new LinkedHashMap<>();
                List<Object> list = new ArrayList<>();
                i++;
                while (s.charAt(i) != (object ? '}' : ']')) {
                    if (object) {
                        String key = (String) value();
                        i++; // ':'
                        map.put(key, value());
                    } else {
                        list.add(value());
                    }
                    if (s.charAt(i) == ',') i++;
                }
                i++;
                return object ? map : list;
            }
            if (c == '"') {
                int end = s.indexOf('"', i + 1);
                String text = s.substring(i + 1, end);
                i = end + 1;
                return text;
            }
            int start = i;
            while (i < s.length() && ",}]".indexOf(s.charAt(i)) < 0) i++;
            String word = s.substring(start, i);
            return word.equals("true") || word.equals("false") ? (Object) Boolean.valueOf(word) : (Object) Double.valueOf(word);
        }
    }
}
