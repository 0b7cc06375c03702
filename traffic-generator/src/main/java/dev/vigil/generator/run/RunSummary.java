package dev.vigil.generator.run;

import java.time.Duration;
import java.time.Instant;

/** What a run did: event-time span, requests generated, records written, and how long it took. */
public record RunSummary(Instant start, Instant end, long requests, long records, Duration elapsed) {

    public double requestsPerSecond() {
        double s = Math.max(1, elapsed.toMillis()) / 1000.0;
        return requests / s;
    }
}
