package dev.vigil.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import dev.vigil.avro.serde.VigilSerdes;

/**
 * How a tool reaches Kafka: bootstrap servers ({@code --bootstrap-servers}, else
 * {@code $VIGIL_BOOTSTRAP_SERVERS}, else 127.0.0.1:9092), client settings from
 * {@code --command-config FILE} and {@code --property K=V} (SASL, TLS, ...), and the serde settings
 * ({@code vigil.serde.mode}, {@code apicurio.*}) from the same places or from {@code -D} system
 * properties. Serde keys are kept apart from the Kafka client's.
 */
public record ClientOptions(String bootstrapServers, Map<String, Object> kafka, Map<String, Object> serdes) {

    public static final Set<String> OPTIONS = Set.of("--bootstrap-servers", "--command-config", "--property");

    public static ClientOptions from(Args args, Map<String, String> env, Properties system) {
        String bootstrap = args.value("--bootstrap-servers", null);
        if (bootstrap == null) {
            String fromEnv = env.get("VIGIL_BOOTSTRAP_SERVERS");
            bootstrap = fromEnv == null || fromEnv.isBlank() ? "127.0.0.1:9092" : fromEnv;
        }
        Map<String, String> all = new HashMap<>();
        for (String key : system.stringPropertyNames()) {
            if (isSerdeKey(key)) {
                all.put(key, system.getProperty(key));
            }
        }
        String envMode = env.get("VIGIL_SERDE_MODE");
        if (envMode != null && !envMode.isBlank()) {
            all.putIfAbsent(VigilSerdes.MODE_KEY, envMode);
        }
        String envRegistry = env.get("VIGIL_REGISTRY_URL");
        if (envRegistry != null && !envRegistry.isBlank()) {
            all.putIfAbsent(VigilSerdes.REGISTRY_URL_KEY, envRegistry);
        }
        String file = args.value("--command-config", null);
        if (file != null) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new Args.UsageException("cannot read --command-config " + file + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
        }
        for (String kv : args.values("--property")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("--property needs KEY=VALUE, not '" + kv + "'");
            }
            all.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Map<String, Object> kafka = new HashMap<>();
        Map<String, Object> serdes = new HashMap<>();
        all.forEach((k, v) -> (isSerdeKey(k) ? serdes : kafka).put(k, v));
        kafka.put("bootstrap.servers", bootstrap);
        return new ClientOptions(bootstrap, Map.copyOf(kafka), Map.copyOf(serdes));
    }

    public VigilSerdes vigilSerdes() {
        return VigilSerdes.fromConfig(serdes);
    }

    private static boolean isSerdeKey(String key) {
        return key.startsWith("vigil.") || key.startsWith("apicurio.");
    }
}
