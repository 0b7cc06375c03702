package dev.vigil.generator.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.IncidentSchedule;
import dev.vigil.generator.model.RawFormat;
import dev.vigil.generator.model.ServiceProfile;

/**
 * Everything a run depends on. A run stops after {@code duration} of event time or after
 * {@code count} requests, whichever comes first (a real-time run with neither runs until stopped).
 * {@code topics} renames raw topics ({@code raw.nginx -> my.nginx}); {@code invalidRatio} adds a
 * malformed record after that fraction of records; {@code duplicateRatio} repeats that fraction of
 * the requests that carry a request id.
 */
public record GeneratorConfig(List<ServiceProfile> services, double ratePerSecond, Mode mode, Instant start,
        Duration duration, Long count, Duration tick, long seed, IncidentSchedule incidents, double invalidRatio,
        double duplicateRatio, Map<String, String> topics) {

    public GeneratorConfig {
        services = List.copyOf(services);
        topics = Map.copyOf(topics);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(incidents, "incidents");
        if (services.isEmpty()) {
            throw new IllegalArgumentException("at least one service");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        if (mode == Mode.SIMULATED && duration == null && count == null) {
            throw new IllegalArgumentException("a simulated run needs a duration or a count");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("the duration must be positive");
        }
        if (count != null && count <= 0) {
            throw new IllegalArgumentException("the count must be positive");
        }
        if (tick.toMillis() < 10) {
            throw new IllegalArgumentException("the tick must be at least 10ms");
        }
        if (invalidRatio < 0 || invalidRatio >= 1 || duplicateRatio < 0 || duplicateRatio >= 1) {
            throw new IllegalArgumentException("invalid and duplicate ratios are fractions in [0, 1)");
        }
    }

    /** A simulated run of the default services, no incidents, no bad records. */
    public static GeneratorConfig simulated(Instant start, Duration duration, double ratePerSecond, long seed) {
        return new GeneratorConfig(Catalog.defaults(), ratePerSecond, Mode.SIMULATED, start, duration, null,
                Duration.ofSeconds(1), seed, IncidentSchedule.none(), 0, 0, Map.of());
    }

    public GeneratorConfig withServices(List<ServiceProfile> other) {
        return new GeneratorConfig(other, ratePerSecond, mode, start, duration, count, tick, seed, incidents, invalidRatio,
                duplicateRatio, topics);
    }

    public GeneratorConfig withIncidents(IncidentSchedule other) {
        return new GeneratorConfig(services, ratePerSecond, mode, start, duration, count, tick, seed, other, invalidRatio,
                duplicateRatio, topics);
    }

    public GeneratorConfig withCount(Long other) {
        return new GeneratorConfig(services, ratePerSecond, mode, start, duration, other, tick, seed, incidents, invalidRatio,
                duplicateRatio, topics);
    }

    public GeneratorConfig withBadInput(double invalid, double duplicates) {
        return new GeneratorConfig(services, ratePerSecond, mode, start, duration, count, tick, seed, incidents, invalid,
                duplicates, topics);
    }

    public GeneratorConfig withTopics(Map<String, String> other) {
        return new GeneratorConfig(services, ratePerSecond, mode, start, duration, count, tick, seed, incidents, invalidRatio,
                duplicateRatio, other);
    }

    /** The topic {@code format} is written to. */
    public String topicFor(RawFormat format) {
        return topics.getOrDefault(format.defaultTopic(), format.defaultTopic());
    }

    /**
     * Where a simulated run starts by default: on a minute boundary, early enough that its event
     * time ends about now (the normalizer refuses timestamps more than 5 minutes in the future).
     */
    public static Instant defaultSimulatedStart(Instant now, Duration duration, Long count, double ratePerSecond) {
        long span = duration != null ? duration.toMillis() : (long) Math.ceil(count / ratePerSecond * 1000);
        if (duration != null && count != null) {
            span = Math.min(span, (long) Math.ceil(count / ratePerSecond * 1000));
        }
        long start = now.toEpochMilli() - span;
        return Instant.ofEpochMilli(Math.floorDiv(start, 60_000L) * 60_000L);
    }
}
