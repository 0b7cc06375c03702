package dev.vigil.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration one app runs with in one overlay, resolved the way SmallRye Config does for the
 * sources involved: environment variables (ordinal 300) over the mounted config/application.properties
 * (260) over the app's own application.properties (250) over defaults in code; ${...} expressions expanded.
 */
final class EffectiveConfig {

    private final AppConfig app;
    private final Map<String, String> file;
    private final Map<String, String> env;

    EffectiveConfig(AppConfig app, Map<String, String> file, Map<String, String> env) {
        this.app = app;
        this.file = file;
        this.env = env;
    }

    static EffectiveConfig of(AppDeployment d, AppConfig app, Dockerfile image) {
        return new EffectiveConfig(app, d.configFile(image.workDir().orElse("/")), d.env());
    }

    Optional<String> get(String key) {
        return raw(key, 0).map(v -> expand(v, 0));
    }

    private Optional<String> raw(String key, int depth) {
        String underscored = key.replaceAll("[^A-Za-z0-9]", "_");
        for (String candidate : List.of(key, underscored, underscored.toUpperCase())) {
            if (env.containsKey(candidate)) {
                return Optional.of(env.get(candidate));
            }
        }
        if (file.containsKey(key)) {
            return Optional.of(file.get(key));
        }
        if (app.properties().containsKey(key)) {
            return Optional.of(app.properties().get(key));
        }
        if (key.equals("java.io.tmpdir")) {
            return Optional.of("/tmp");
        }
        return app.keys().stream().filter(k -> k.name().equals(key) && k.defaultValue().isPresent())
                .map(k -> k.defaultValue().get()).findFirst();
    }

    private String expand(String value, int depth) {
        if (depth > 20) {
            throw new IllegalStateException("expression loop in " + value);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            int level = 0;
            int end = start;
            for (int j = start; j < value.length(); j++) {
                if (value.startsWith("${", j)) {
                    level++;
                    j++;
                } else if (value.charAt(j) == '}' && --level == 0) {
                    end = j;
                    break;
                }
            }
            String inner = value.substring(start + 2, end);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            Optional<String> v = raw(name, depth + 1);
            out.append(v.isPresent() ? expand(v.get(), depth + 1) : colon < 0 ? "" : expand(inner.substring(colon + 1), depth + 1));
            i = end + 1;
        }
        return out.toString();
    }

    /** Every concrete key the app knows of, or the overlay sets in its config file. */
    Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>(app.properties().keySet());
        keys.addAll(file.keySet());
        app.keys().stream().map(AppConfig.Key::name).filter(n -> !n.contains("*")).forEach(keys::add);
        return keys;
    }

    /** What Quarkus hands to Kafka Streams: the kafka-streams.* pass-through plus the settings it sets itself. */
    Map<String, String> streamsSettings() {
        Map<String, String> settings = new TreeMap<>();
        for (String key : knownKeys()) {
            if (key.startsWith("kafka-streams.")) {
                get(key).ifPresent(v -> settings.put(key.substring("kafka-streams.".length()), v));
            }
        }
        get("quarkus.kafka-streams.application-id").ifPresent(v -> settings.put("application.id", v));
        get("quarkus.kafka-streams.bootstrap-servers").ifPresent(v -> settings.put("bootstrap.servers", v));
        get("quarkus.kafka-streams.application-server").ifPresent(v -> settings.put("application.server", v));
        for (String[] typed : new String[][] {{"security-protocol", "security.protocol"}, {"sasl.mechanism", "sasl.mechanism"},
                {"sasl.jaas-config", "sasl.jaas.config"}, {"ssl.truststore.type", "ssl.truststore.type"},
                {"ssl.truststore.location", "ssl.truststore.location"}}) {
            get("quarkus.kafka-streams." + typed[0]).ifPresent(v -> settings.put(typed[1], v));
        }
        return settings;
    }

    /** The topics the app's configuration names: every key whose last part mentions "topic", comma lists split. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (String key : knownKeys()) {
            String last = key.substring(key.lastIndexOf('.') + 1);
            if (last.contains("topic") && !key.startsWith("quarkus.kafka-streams.topic-") && !key.endsWith("topics-timeout")) {
                get(key).ifPresent(v -> {
                    for (String t : v.split(",")) {
                        if (!t.isBlank()) {
                            topics.add(t.trim());
                        }
                    }
                });
            }
        }
        return topics;
    }

    List<String> describe() {
        List<String> out = new ArrayList<>();
        knownKeys().forEach(k -> out.add(k + "=" + get(k).orElse("")));
        return out;
    }
}
