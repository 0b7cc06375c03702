package dev.vigil.normalizer.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.vigil.avro.DeadLetterReason;
import dev.vigil.normalizer.normalize.SourceSpec;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-instance Micrometer counters {@code vigil_normalizer_items_total{source, counter, reason}}.
 * They count what this instance processed since it started, the usual Prometheus counter (sum
 * over instances with {@code sum by (source, counter)}); under exactly-once a transaction that
 * aborts and is retried may count twice here, never in the changelogged stores behind
 * {@code GET /api/v1/sources}.
 */
final class MicrometerTally implements Tally {

    static final String NAME = "vigil.normalizer.items";

    private final MeterRegistry registry;
    private final Map<String, io.micrometer.core.instrument.Counter> counters = new ConcurrentHashMap<>();

    MicrometerTally(MeterRegistry registry, TopologySettings settings) {
        this.registry = registry;
        // Registered up front so that every source shows zeros before its first record.
        for (SourceSpec s : settings.sources()) {
            for (Counter c : Counter.values()) {
                if (c != Counter.DEAD_LETTER) {
                    counter(s.name(), c, null);
                }
            }
            for (DeadLetterReason r : DeadLetterReason.values()) {
                counter(s.name(), Counter.DEAD_LETTER, r.name());
            }
        }
    }

    @Override
    public void count(String source, Counter counter, String reason, long n) {
        counter(source, counter, reason).increment(n);
    }

    private io.micrometer.core.instrument.Counter counter(String source, Counter counter, String reason) {
        return counters.computeIfAbsent(counter.key(source, reason), k -> io.micrometer.core.instrument.Counter.builder(NAME)
                .description("Items (lines, spans, records) per source and fate; in = out + dead_letter + duplicate + skipped")
                .tag("source", source).tag("counter", counter.id()).tag("reason", reason == null ? "" : reason)
                .register(registry));
    }
}
