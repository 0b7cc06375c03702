package dev.vigil.bench.harness;

import java.time.Duration;

/**
 * How much a harness run does. {@code short} proves the harness works in a few minutes (CI);
 * {@code full} is the run whose numbers the docs report (1,000 services).
 *
 * @param services        services in the throughput and query phases
 * @param burstRequests   requests of the raw input written at once (throughput and ceiling)
 * @param burstRate       the simulated request rate of that input (sets its event-time span, which must stay
 *                        under the aggregator's 2-minute grace: the normalizer catching up on a backlog
 *                        reorders events by up to that span, and events beyond the grace are dropped as late)
 * @param sustainSteps    fractions of the drain capacity tried as fixed rates, highest first
 * @param sustainFor      how long each fixed rate runs
 * @param incidents       error-spike incidents (one service and SLO each) for the detection delay
 * @param baseline        clean traffic before the first incident
 * @param stagger         time between incident starts
 * @param incidentRate    requests/s of each incident service
 * @param queries         series queries measured (after warm-up)
 * @param accuracyServices services whose percentiles are checked
 */
public record Profile(String name, int services, long burstRequests, double burstRate, double[] sustainSteps, Duration sustainFor,
        int incidents, Duration baseline, Duration stagger, double incidentRate, int queries, int accuracyServices) {

    public static Profile of(String name) {
        return switch (name) {
            case "short" -> new Profile("short", 50, 20_000, 250, new double[] {0.5}, Duration.ofSeconds(15), 2,
                    Duration.ofSeconds(12), Duration.ofSeconds(4), 40, 150, 4);
            case "full" -> new Profile("full", 1_000, 300_000, 3_000, new double[] {0.8, 0.6, 0.4}, Duration.ofSeconds(60), 6,
                    Duration.ofSeconds(30), Duration.ofSeconds(10), 40, 2_000, 12);
            default -> throw new IllegalArgumentException("profile is short or full, not '" + name + "'");
        };
    }
}
