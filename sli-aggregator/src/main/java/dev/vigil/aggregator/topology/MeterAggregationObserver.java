package dev.vigil.aggregator.topology;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.avro.DeadLetterReason;

/**
 * The aggregation's counters on /q/metrics: {@code vigil_aggregator_late_events_total},
 * {@code vigil_aggregator_dead_letters_total{reason}}, {@code vigil_aggregator_windows_published_total{final}}.
 */
public final class MeterAggregationObserver implements AggregationObserver {

    private final Counter late;
    private final Counter updates;
    private final Counter finals;
    private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);

    public MeterAggregationObserver(MeterRegistry registry) {
        late = Counter.builder("vigil.aggregator.late.events")
                .description("Events that arrived after their minute window's grace period and were not aggregated")
                .register(registry);
        updates = Counter.builder("vigil.aggregator.windows.published").tag("final", "false")
                .description("SliWindow records published on the SLI topic").register(registry);
        finals = Counter.builder("vigil.aggregator.windows.published").tag("final", "true")
                .description("SliWindow records published on the SLI topic").register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, Counter.builder("vigil.aggregator.dead.letters").tag("reason", reason.name())
                    .description("Request events the aggregator could not use, sent to the dead-letter topic").register(registry));
        }
    }

    @Override
    public void lateEvent(String service, long lateByMs) {
        late.increment();
    }

    @Override
    public void deadLettered(DeadLetterReason reason) {
        deadLetters.get(reason).increment();
    }

    @Override
    public void windowsEmitted(int updateCount, int finalCount) {
        updates.increment(updateCount);
        finals.increment(finalCount);
    }
}
