package dev.vigil.alerting.topology;

import java.time.Duration;

import dev.vigil.alerting.alert.SloAlerts;

/** Everything the topology depends on, as plain values (the CDI producer fills it from configuration). */
public record AlertingSettings(String sliTopic, String definitionsTopic, String alertsTopic, String deadLetterTopic,
        long minEvents, Duration noDataAfter, String noDataSeverity, Duration evaluationInterval, String publicUrl,
        Duration historyRetention, int historyLimit, int seriesCacheSlos, boolean persistentStores) {

    /** SLOs whose recent counts a task keeps decoded in memory by default (about 10 KB each). */
    public static final int DEFAULT_SERIES_CACHE_SLOS = 2_000;

    public static AlertingSettings defaults() {
        return new AlertingSettings("sli-1m", "slo-definitions", "alerts", "ingest-dlq", 100, Duration.ofMinutes(10), "ticket",
                Duration.ofSeconds(10), "http://localhost:8082", Duration.ofDays(7), 10_000, DEFAULT_SERIES_CACHE_SLOS, true);
    }

    public SloAlerts.Settings alertSettings() {
        return new SloAlerts.Settings(minEvents, noDataAfter, noDataSeverity);
    }

    public AlertingSettings withEvaluationInterval(Duration d) {
        return new AlertingSettings(sliTopic, definitionsTopic, alertsTopic, deadLetterTopic, minEvents, noDataAfter, noDataSeverity, d,
                publicUrl, historyRetention, historyLimit, seriesCacheSlos, persistentStores);
    }

    public AlertingSettings withMinEvents(long n) {
        return new AlertingSettings(sliTopic, definitionsTopic, alertsTopic, deadLetterTopic, n, noDataAfter, noDataSeverity,
                evaluationInterval, publicUrl, historyRetention, historyLimit, seriesCacheSlos, persistentStores);
    }

    public AlertingSettings withSeriesCache(int slos) {
        return new AlertingSettings(sliTopic, definitionsTopic, alertsTopic, deadLetterTopic, minEvents, noDataAfter, noDataSeverity,
                evaluationInterval, publicUrl, historyRetention, historyLimit, slos, persistentStores);
    }

    /**
     * In-memory stores instead of RocksDB (still changelogged): for TopologyTestDriver, which
     * commits, and so flushes every store, after each record.
     */
    public AlertingSettings inMemory() {
        return new AlertingSettings(sliTopic, definitionsTopic, alertsTopic, deadLetterTopic, minEvents, noDataAfter, noDataSeverity,
                evaluationInterval, publicUrl, historyRetention, historyLimit, seriesCacheSlos, false);
    }
}
