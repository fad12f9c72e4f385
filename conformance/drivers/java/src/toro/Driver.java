package toro;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A toro-check driver for java.util.concurrent (conformance/PROTOCOL.md): one JSON message per
 * line on standard input and output.
 *
 * <pre>
 *   conformance/drivers/java/build.sh
 *   npx toro-check --driver "conformance/drivers/java/driver"             # raw
 *   npx toro-check --driver "conformance/drivers/java/driver --profile"   # its choices
 * </pre>
 *
 * {@link Runner} says how a program runs, {@link Ports} how each primitive is called.
 */
public final class Driver {
    private Driver() {}

    static String name() {
        return "java.util.concurrent (Java " + System.getProperty("java.version") + ")";
    }

    public static void main(String[] argv) throws Exception {
        boolean profile = List.of(argv).contains("--profile");
        Ports.fairTry = profile;
        Map<String, Port<?>> ports = Ports.all();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        Map<String, Object> primitives = new LinkedHashMap<>();
        ports.forEach((name, port) -> primitives.put(name, port.hello(profile)));
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("protocol", 1);
        hello.put("name", name());
        hello.put("primitives", primitives);
        hello.put("reproduce", true);
        send(out, hello);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Runner<?> run = null;
        for (String line; (line = in.readLine()) != null;) {
            if (line.isBlank()) continue;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> message = (Map<String, Object>) Json.parse(line);
                String type = String.valueOf(message.get("type"));
                if (type.equals("quit")) break;
                if (!type.equals("tick") && run != null) {
                    run.close();
                    run = null;
                }
                switch (type) {
                    case "start" -> {
                        Port<?> port = ports.get(String.valueOf(message.get("primitive")));
                        if (port == null) throw new IllegalArgumentException("no primitive " + message.get("primitive"));
                        @SuppressWarnings("unchecked")
                        Map<String, Object> params = (Map<String, Object>) message.get("params");
                        run = new Runner<>(port, params);
                        send(out, Map.of("type", "started", "observed", run.observe()));
                    }
                    case "tick" -> {
                        if (run == null) throw new IllegalStateException("a tick before any start");
                        @SuppressWarnings("unchecked")
                        List<Object> actions = (List<Object>) message.get("actions");
                        send(out, run.tick(actions));
                    }
                    case "reproduce" -> send(out, Reproduction.answer(message, ports, profile));
                    default -> throw new IllegalArgumentException("unexpected message " + type);
                }
            } catch (Exception | Error e) { // a driver bug: say so in the protocol, with the cause
                send(out, Map.of("type", "error", "message", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        if (run != null) run.close();
        out.flush();
        System.exit(0);
    }

    static void send(PrintStream out, Object message) {
        out.print(Json.write(message));
        out.print('\n');
        out.flush();
    }
}
