package toro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One primitive of a port, in the models' vocabulary: how to make it, how each call is made and
 * what it returns in a trace ({@code "handle"} for a permit granted, an item's label, a number,
 * {@code true}; {@code null} for nothing), its observers, when it is quiet, and what its
 * driver declares in its {@code hello}, raw and with its profile.
 */
final class Port<T> {
    /** A call, made on the call's own thread. */
    interface Body<T> {
        Object call(T primitive, Runner.Args args) throws Exception;
    }

    /** Whether every call still running ({@code live}) waits where only another action can reach it. */
    interface Quiet<T> {
        boolean test(T primitive, List<? extends Runner.Call<T>> live) throws Exception;
    }

    /** What the thread that holds a permit does to give it back. */
    interface Release<T> {
        void run(T primitive, Runner.Args holder) throws Exception;
    }

    final Function<Map<String, Object>, T> make;
    final Map<String, Body<T>> calls = new LinkedHashMap<>();
    final Set<String> waits = new TreeSet<>();
    final Set<String> holds = new TreeSet<>();
    final Map<String, Function<T, Object>> observers = new LinkedHashMap<>();
    final Map<String, Object> declared = new LinkedHashMap<>();
    final Map<String, Object> profile = new LinkedHashMap<>();
    Release<T> release;
    Quiet<T> quiet;
    /** What a timed-out wait resolves to, where it resolves (a Condition's {@code false}). */
    Object timeoutValue;
    BiFunction<String, Throwable, String> errors = Ports::error;

    Port(Function<Map<String, Object>, T> make) {
        this.make = make;
    }

    /** A call that returns at once. */
    Port<T> call(String name, Body<T> body) {
        calls.put(name, body);
        return this;
    }

    /** A call that may wait: the trace shows it pending, then settled. */
    Port<T> waiting(String name, Body<T> body) {
        waits.add(name);
        return call(name, body);
    }

    /** A call whose {@code "handle"} leaves its thread holding a permit until its handle's release. */
    Port<T> holding(String name) {
        holds.add(name);
        return this;
    }

    Port<T> observer(String name, Function<T, Object> read) {
        observers.put(name, read);
        return this;
    }

    String error(String call, Throwable error) {
        return errors.apply(call, error);
    }

    /** The hello entry: the raw run's, or with the profile's entries in its place. */
    Map<String, Object> hello(boolean withProfile) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("calls", List.copyOf(calls.keySet()));
        if (release != null) entry.put("handleRelease", true);
        entry.put("observers", List.copyOf(observers.keySet()));
        entry.putAll(declared);
        // No port here checks a timeout the way the models do (a negative one is no wait at all,
        // a fraction or NaN is no count of ms), where they refuse it with a RangeError: no
        // profile is given bad input.
        if (withProfile) entry.put("badInput", false);
        if (withProfile) entry.putAll(profile);
        return entry;
    }
}
