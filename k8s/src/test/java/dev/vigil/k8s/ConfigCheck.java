package dev.vigil.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * Every configuration key a deployment sets must be one the app reads at runtime: a renamed or
 * misspelt key, a build-time Quarkus key, or a kafka-streams.* env var that Quarkus would silently
 * ignore fails the build instead of being ignored in production.
 */
final class ConfigCheck {

    private ConfigCheck() {
    }

    static List<String> violations(AppDeployment d, AppConfig app, Dockerfile image) {
        List<String> out = new ArrayList<>();
        String where = d.manifests().overlay() + " " + d.name();
        for (String name : d.env().keySet()) {
            // Variables the manifest itself expands ($(POD_NAME)) or the image's start command reads (JAVA_OPTS).
            if (d.referencedByOtherEnv(name) || image.entrypointReads(name)) {
                continue;
            }
            String problem = envProblem(app, name);
            if (problem != null) {
                out.add(where + ": env " + name + " " + problem);
            }
        }
        String configDir = image.workDir().orElse("") + "/config";
        for (Map.Entry<String, ConfigMap> e : d.mountedConfigMaps().entrySet()) {
            Map<String, String> data = e.getValue().getData();
            if (data != null && data.containsKey("application.properties") && !e.getKey().equals(configDir)) {
                out.add(where + ": application.properties mounted at " + e.getKey() + ", but Quarkus reads "
                        + configDir + "/application.properties (the image's WORKDIR)");
            }
        }
        Set<String> passThrough = KafkaConfigNames.streamsPassThrough(app.loader());
        for (String key : d.configFile(image.workDir().orElse("")).keySet()) {
            String problem = propertyProblem(app, key, passThrough);
            if (problem != null) {
                out.add(where + ": " + configDir + "/application.properties: " + key + " " + problem);
            }
        }
        return out;
    }

    static String envProblem(AppConfig app, String env) {
        List<AppConfig.Key> keys = app.forEnv(env);
        if (env.startsWith("QUARKUS_")) {
            return quarkusProblem(keys);
        }
        if (keys.isEmpty()) {
            return "stands for no key that " + app.app() + " reads" + (env.startsWith("KAFKA_STREAMS_")
                    ? " (Quarkus passes kafka-streams.* env vars through only when application.properties declares"
                            + " the key; set it in the mounted config/application.properties instead)"
                    : "");
        }
        return null;
    }

    static String propertyProblem(AppConfig app, String key, Set<String> passThrough) {
        List<AppConfig.Key> keys = app.forProperty(key);
        if (key.startsWith("kafka-streams.")) {
            return passThrough.contains(key.substring("kafka-streams.".length())) || !keys.isEmpty() ? null
                    : "is not a Kafka Streams or Kafka client setting";
        }
        if (key.startsWith("quarkus.")) {
            return quarkusProblem(keys);
        }
        return keys.isEmpty() ? "is not a key that " + app.app() + " reads" : null;
    }

    private static String quarkusProblem(List<AppConfig.Key> keys) {
        List<AppConfig.Key> quarkus = keys.stream().filter(k -> k.origin() == AppConfig.Origin.EXTENSION
                || k.origin() == AppConfig.Origin.INJECTED).toList();
        if (quarkus.isEmpty()) {
            return "stands for no configuration key of the app's Quarkus extensions";
        }
        if (quarkus.stream().noneMatch(AppConfig.Key::runtime)) {
            return "sets " + quarkus.get(0).name() + ", which Quarkus fixes at build time";
        }
        return null;
    }
}
