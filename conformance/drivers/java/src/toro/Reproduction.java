package toro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code reproduce}: a standalone Java program that runs the shrunk program on
 * java.util.concurrent alone and compares it with what the model says. It is {@code Repro.java}
 * and, copied beside it unchanged, the driver's runner and port table ({@link Runner},
 * {@link Port}, {@link Ports}, {@link TraceLines}, and {@link Json}, which prints values as the
 * checker does): no protocol, no checker. The program is Java source, not JSON.
 */
final class Reproduction {
    private Reproduction() {}

    private static final List<String> COPIED = List.of("Runner.java", "Port.java", "Ports.java", "TraceLines.java", "Json.java");
    static final String RUN = "javac -d classes *.java && java --add-opens java.base/java.util.concurrent=ALL-UNNAMED -cp classes toro.Repro";

    @SuppressWarnings("unchecked")
    static Map<String, Object> answer(Map<String, Object> message, Map<String, Port<?>> ports, boolean profile) throws Exception {
        Map<String, Object> program = (Map<String, Object>) message.get("program");
        Map<String, Object> expected = (Map<String, Object>) message.get("expected");
        Map<String, Object> divergence = (Map<String, Object>) message.get("divergence");
        String primitive = String.valueOf(program.get("primitive"));
        Port<?> port = ports.get(primitive);
        if (port == null) return Map.of("type", "error", "message", "this driver has no " + primitive);
        int ticks = Math.max(((Number) divergence.get("tick")).intValue(), 1);
        List<Object> shown = ((List<Object>) program.get("ticks")).subList(0, Math.min(ticks, ((List<Object>) program.get("ticks")).size()));
        Map<String, Object> initial = (Map<String, Object>) expected.get("initial");
        Map<String, Object> hello = port.hello(profile);
        List<String> observers = new ArrayList<>();
        for (Object o : (List<Object>) hello.get("observers")) if (initial.containsKey((String) o)) observers.add((String) o);
        List<String> statistics = initial.get("statistics") instanceof Map<?, ?> s ? new ArrayList<>(((Map<String, Object>) s).keySet()) : null;
        Map<String, Object> choices = (Map<String, Object>) hello.getOrDefault("choices", Map.of());
        TraceLines.Options options = new TraceLines.Options(observers, statistics, "observers".equals(divergence.get("rule")), "perTick".equals(choices.get("settlementOrder")));
        List<Object> expectedTicks = (List<Object>) expected.get("ticks");
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("initial", initial);
        want.put("ticks", expectedTicks.subList(0, Math.min(ticks, expectedTicks.size())));
        List<String> lines = TraceLines.lines(want, options);

        StringBuilder src = new StringBuilder();
        src.append("package toro;\n\nimport java.util.List;\nimport java.util.Map;\n\n");
        src.append("/**\n * ").append(Driver.name()).append(" disagrees with the toro-ts model of ").append(primitive).append(": a standalone reproduction.\n *\n");
        src.append(" * <p>Rule broken: ").append(divergence.get("rule")).append(". Tick ").append(divergence.get("tick")).append(": ").append(divergence.get("summary")).append(".\n");
        src.append(" * <pre>\n *   model:          ").append(divergence.get("expected")).append("\n *   implementation: ").append(divergence.get("actual")).append("\n *\n");
        src.append(" * The program:\n");
        for (String line : show(primitive, (Map<String, Object>) program.get("params"), shown).split("\n")) src.append(" *   ").append(line).append('\n');
        src.append(" * </pre>\n *\n * It runs java.util.concurrent alone: Runner.java, Port.java and Ports.java here are the driver's\n");
        src.append(" * runner and port table, copied unchanged; no checker, no protocol. It prints what happens, then\n");
        src.append(" * the first line where the toro-ts model says otherwise. Run it (exit status 1 while the\n * difference is there):\n *\n *   ").append(RUN).append("\n */\n");
        src.append("public final class Repro {\n");
        src.append("    static final Map<String, Object> PARAMS = ").append(java(program.get("params"))).append(";\n");
        src.append("    static final List<List<Object>> PROGRAM = List.of(\n");
        for (int i = 0; i < shown.size(); i++) src.append("        ").append(java(shown.get(i))).append(i + 1 < shown.size() ? ",\n" : "\n");
        src.append("    );\n    /** What the toro-ts model says, line by line. */\n    static final List<String> EXPECTED = List.of(\n");
        for (int i = 0; i < lines.size(); i++) src.append("        ").append(Json.write(lines.get(i))).append(i + 1 < lines.size() ? ",\n" : "\n");
        src.append("    );\n\n    public static void main(String[] argv) throws Exception {\n");
        src.append("        Ports.fairTry = ").append(profile).append(";\n");
        src.append("        Map<String, Object> trace = Runner.trace(Ports.all().get(").append(Json.write(primitive)).append("), PARAMS, PROGRAM);\n");
        src.append("        List<String> actual = TraceLines.lines(trace, new TraceLines.Options(").append(java(observers)).append(", ").append(statistics == null ? "null" : java(statistics)).append(", ").append(options.atCall()).append(", ").append(options.sortSettled()).append("));\n");
        src.append("        actual.forEach(System.out::println);\n");
        src.append("        int first = 0;\n        while (first < actual.size() && first < EXPECTED.size() && actual.get(first).equals(EXPECTED.get(first))) first++;\n");
        src.append("        if (first == actual.size() && first == EXPECTED.size()) {\n            System.out.println(\"\\nThis agrees with the toro-ts model.\");\n            System.exit(0);\n        }\n");
        src.append("        System.out.println(\"\\nThe toro-ts model says instead:\\n\" + (first < EXPECTED.size() ? EXPECTED.get(first) : \"(nothing more)\"));\n        System.exit(1);\n    }\n}\n");

        Map<String, Object> files = new LinkedHashMap<>();
        files.put("Repro.java", src.toString());
        Path sources = sources();
        for (String file : COPIED) files.put(file, Files.readString(sources.resolve(file)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "reproduction");
        out.put("language", "Java");
        out.put("files", files);
        out.put("run", RUN);
        return out;
    }

    /** A program as the checker prints it (check/program.ts's showProgram). */
    @SuppressWarnings("unchecked")
    static String show(String primitive, Map<String, Object> params, List<Object> ticks) {
        List<String> given = new ArrayList<>();
        params.forEach((k, v) -> given.add(k + ": " + v));
        StringBuilder out = new StringBuilder("new " + primitive + "(" + (given.isEmpty() ? "" : "{ " + String.join(", ", given) + " }") + ")");
        for (int i = 0; i < ticks.size(); i++) {
            List<String> actions = new ArrayList<>();
            for (Object o : (List<Object>) ticks.get(i)) {
                Map<String, Object> a = (Map<String, Object>) o;
                if (a.containsKey("abort")) actions.add("abort(s" + a.get("abort") + ")");
                else if (a.containsKey("advance")) actions.add("advance(" + Json.write(a.get("advance")) + ")");
                else {
                    List<String> args = new ArrayList<>();
                    if (a.containsKey("weight")) args.add("weight " + Json.write(a.get("weight")));
                    if (a.containsKey("key")) args.add("key " + a.get("key"));
                    if (a.containsKey("n")) args.add(String.valueOf(a.get("n")));
                    if (Boolean.TRUE.equals(a.get("immediate"))) args.add("immediate");
                    List<String> options = new ArrayList<>();
                    if (a.containsKey("timeout")) options.add("timeout: " + Json.write(a.get("timeout")));
                    if (a.containsKey("signal")) options.add("signal: s" + a.get("signal"));
                    if (!options.isEmpty()) args.add("{ " + String.join(", ", options) + " }");
                    actions.add("#" + a.get("id") + " " + a.get("call") + "(" + String.join(", ", args) + ")" + (a.containsKey("on") ? " on #" + a.get("on") : ""));
                }
            }
            out.append("\n  tick ").append(i + 1).append(": ").append(String.join("; ", actions));
        }
        return out.toString();
    }

    /** The driver's source folder: src/toro beside the build folder the classes were loaded from. */
    static Path sources() throws Exception {
        Path classes = Path.of(Reproduction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.resolveSibling("src").resolve("toro");
    }

    /** A value as Java source: maps as Map.of, lists as List.of, numbers as int or double literals. */
    static String java(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(Json.write(String.valueOf(k)) + ", " + java(v)));
            return "Map.of(" + String.join(", ", parts) + ")";
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) parts.add(java(item));
            return "List.of(" + String.join(", ", parts) + ")";
        }
        if (value instanceof Long l) return Long.toString(l);
        if (value instanceof Double d) return d + "d";
        return Json.write(value);
    }
}
