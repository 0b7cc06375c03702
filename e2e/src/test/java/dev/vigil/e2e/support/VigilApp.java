package dev.vigil.e2e.support;

import java.nio.file.Path;

/** The three apps: where their built jar is, and their Kafka Streams application id (= consumer group). */
public enum VigilApp {
    NORMALIZER("ingest-normalizer"),
    AGGREGATOR("sli-aggregator"),
    ALERTING("alerting");

    private final String module;

    VigilApp(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }

    /** The consumer group and prefix of internal topics ({@code quarkus.kafka-streams.application-id}). */
    public String applicationId() {
        return "vigil-" + module;
    }

    public Path jar() {
        return repoRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The repository root, from the build's {@code vigil.repo.root} system property. */
    public static Path repoRoot() {
        String root = System.getProperty("vigil.repo.root");
        if (root == null) {
            throw new IllegalStateException("system property vigil.repo.root is not set (run through maven failsafe)");
        }
        return Path.of(root);
    }
}
