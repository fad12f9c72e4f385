package toro;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace as lines of text, one thing per line: check/lines.ts in Java, so that a reproduction
 * prints what the port did in the very words the checker's report uses for the model.
 */
final class TraceLines {
    private TraceLines() {}

    /** What to print besides each call's result, who settled, and the observers after each tick. */
    record Options(List<String> observers, List<String> statistics, boolean atCall, boolean sortSettled) {}

    @SuppressWarnings("unchecked")
    static List<String> lines(Map<String, Object> trace, Options options) {
        List<String> lines = new ArrayList<>();
        String initial = pick((Map<String, Object>) trace.get("initial"), options);
        if (!initial.isEmpty()) lines.add("start: " + initial);
        List<Object> ticks = (List<Object>) trace.get("ticks");
        for (int i = 0; i < ticks.size(); i++) {
            Map<String, Object> tick = (Map<String, Object>) ticks.get(i);
            String at = "tick " + (i + 1) + ":";
            for (Object c : (List<Object>) tick.get("calls")) {
                Map<String, Object> call = (Map<String, Object>) c;
                Map<String, Object> r = (Map<String, Object>) call.get("result");
                String result = switch (String.valueOf(r.get("kind"))) {
                    case "pending" -> "pending";
                    case "threw" -> "threw " + r.get("error");
                    default -> r.containsKey("value") ? "returned " + Json.write(r.get("value")) : "returned";
                };
                String observed = options.atCall() && call.get("observed") != null ? " (then " + pick((Map<String, Object>) call.get("observed"), options) + ")" : "";
                lines.add(at + " #" + call.get("id") + " " + result + observed);
            }
            List<Map<String, Object>> settled = new ArrayList<>();
            for (Object s : (List<Object>) tick.get("settled")) settled.add((Map<String, Object>) s);
            if (options.sortSettled()) settled.sort(Comparator.comparingLong(s -> ((Number) s.get("id")).longValue()));
            List<String> who = new ArrayList<>();
            for (Map<String, Object> s : settled) {
                String outcome = String.valueOf(s.get("outcome"));
                if (outcome.equals("resolved")) who.add("#" + s.get("id") + " resolved" + (s.containsKey("value") ? " " + Json.write(s.get("value")) : ""));
                else if (outcome.equals("rejected")) who.add("#" + s.get("id") + " rejected " + s.get("error"));
                else who.add("#" + s.get("id") + " " + outcome);
            }
            lines.add(at + " settled " + (who.isEmpty() ? "nobody" : String.join(", ", who)));
            String after = pick((Map<String, Object>) tick.get("observed"), options);
            if (!after.isEmpty()) lines.add(at + " " + after);
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static String pick(Map<String, Object> observed, Options options) {
        List<String> parts = new ArrayList<>();
        for (String name : options.observers()) {
            if (!observed.containsKey(name)) continue;
            Object value = observed.get(name);
            if (name.equals("statistics") && options.statistics() != null && value instanceof Map<?, ?> map) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (String field : options.statistics()) if (map.containsKey(field)) fields.put(field, ((Map<String, Object>) map).get(field));
                value = fields;
            }
            parts.add(name + " " + Json.write(value));
        }
        return String.join(", ", parts);
    }
}
