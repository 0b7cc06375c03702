package dev.vigil.generator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.IncidentSchedule;
import dev.vigil.generator.model.ServiceProfile;
import dev.vigil.generator.model.ServiceTraffic;
import dev.vigil.generator.truth.GroundTruthData;
import dev.vigil.generator.truth.MinuteTruth;

/** The traffic's shapes and incidents, as the ground truth of a 12-minute simulated run shows them. */
class TrafficGeneratorTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static GroundTruthData truth;

    @BeforeAll
    static void run() throws Exception {
        truth = generate(GeneratorConfig.simulated(START, Duration.ofMinutes(12), 200, 11)
                .withIncidents(IncidentSchedule.parse("error-spike:checkout:3m:3m:0.3,latency:search:3m:3m:4,outage:payments:4m:4m",
                        Catalog.defaults(), START)), new MemorySink());
    }

    static GroundTruthData generate(GeneratorConfig config, RawSink sink) throws Exception {
        StringWriter out = new StringWriter();
        TrafficGenerator g = new TrafficGenerator(config);
        g.run(sink, g.groundTruth(out), () -> false);
        return GroundTruthData.parse(new StringReader(out.toString()));
    }

    @Test
    void theTotalRateIsKeptAndSharedByWeight() {
        long total = truth.minutes().stream().mapToLong(MinuteTruth::total).sum();
        double expectedWithoutOutage = 200.0 * 12 * 60 - 200.0 * 6 / 105 * 4 * 60;     // payments weighs 6 of 105, out 4 min
        assertThat((double) total).isCloseTo(expectedWithoutOutage, within(expectedWithoutOutage * 0.15));
        long search = sum("search");
        long shipping = sum("shipping");
        assertThat((double) search / shipping).as("weights 18 : 4").isCloseTo(4.5, within(0.8));
    }

    @Test
    void ratesVaryOverTime() {
        ServiceTraffic t = new ServiceTraffic(Catalog.defaults().get(0), 10, 1);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (long h = 0; h < 24 * 60; h += 5) {
            double r = t.rateAt(START.toEpochMilli() + h * 60_000);
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        assertThat(max / min).as("diurnal swing").isGreaterThan(1.5);
        List<Long> perMinute = truth.minutesOf("catalog").stream().map(MinuteTruth::total).toList();
        assertThat(perMinute.stream().distinct().count()).as("minute totals differ").isGreaterThan(6);
    }

    @Test
    void latenciesHaveAHeavyTail() {
        for (MinuteTruth m : truth.minutesOf("catalog")) {
            assertThat(m.p99Ms() / m.p50Ms()).as("p99/p50 at " + m.start()).isGreaterThan(2.5);
            assertThat(m.p999Ms()).isGreaterThanOrEqualTo(m.p99Ms());
            assertThat(m.p50Ms()).isBetween(10.0, 60.0);
        }
        assertThat(truth.minutesOf("notifications")).allSatisfy(m -> {
            assertThat(m.latencyCount()).as("plain nginx combined carries no latency").isZero();
            assertThat(m.p50Ms()).isNull();
        });
    }

    @Test
    void statusMixesAreRealistic() {
        for (ServiceProfile p : Catalog.defaults()) {
            List<MinuteTruth> quiet = truth.minutesOf(p.name()).subList(0, 3);
            long total = quiet.stream().mapToLong(MinuteTruth::total).sum();
            long client = quiet.stream().mapToLong(MinuteTruth::clientErrors).sum();
            long availability = quiet.stream().mapToLong(MinuteTruth::availabilityErrors).sum();
            assertThat((double) availability / total).as(p.name() + " availability errors").isLessThan(0.01);
            assertThat((double) client / total).as(p.name() + " client errors").isBetween(0.0, 0.1);
        }
        long client = truth.minutes().stream().mapToLong(MinuteTruth::clientErrors).sum();
        assertThat(client).isPositive();
    }

    @Test
    void anErrorSpikeFailsItsFractionOfRequestsForItsDuration() {
        List<MinuteTruth> checkout = truth.minutesOf("checkout");
        for (int i = 0; i < checkout.size(); i++) {
            MinuteTruth m = checkout.get(i);
            double ratio = (double) m.availabilityErrors() / m.total();
            if (i >= 3 && i < 6) {
                assertThat(ratio).as("spike minute " + m.start()).isCloseTo(0.3, within(0.06));
            } else {
                assertThat(ratio).as("normal minute " + m.start()).isLessThan(0.02);
            }
        }
        // The spike's errors fail fast: no wave of timeouts in the latency tail.
        double p99Before = checkout.subList(0, 3).stream().mapToDouble(MinuteTruth::p99Ms).max().orElseThrow();
        assertThat(checkout.subList(3, 6)).allSatisfy(m -> assertThat(m.p99Ms()).isLessThan(3 * p99Before));
    }

    @Test
    void aLatencyRegressionSlowsItsServiceDown() {
        List<MinuteTruth> search = truth.minutesOf("search");
        double before = search.subList(0, 3).stream().mapToDouble(MinuteTruth::p50Ms).average().orElseThrow();
        double during = search.subList(3, 6).stream().mapToDouble(MinuteTruth::p50Ms).average().orElseThrow();
        double after = search.subList(7, 12).stream().mapToDouble(MinuteTruth::p50Ms).average().orElseThrow();
        assertThat(during / before).isCloseTo(4, within(0.8));
        assertThat(after / before).isCloseTo(1, within(0.2));
    }

    @Test
    void anOutageMeansNoTrafficAtAll() {
        List<MinuteTruth> payments = truth.minutesOf("payments");
        assertThat(payments.subList(4, 8)).allSatisfy(m -> assertThat(m.total()).isZero());
        assertThat(payments.subList(0, 4)).allSatisfy(m -> assertThat(m.total()).isPositive());
        assertThat(payments.subList(8, 12)).allSatisfy(m -> assertThat(m.total()).isPositive());
    }

    @Test
    void theSameConfigurationWritesTheSameBytes() throws Exception {
        GeneratorConfig config = GeneratorConfig.simulated(START, Duration.ofSeconds(30), 100, 42).withBadInput(0.05, 0.05);
        MemorySink a = new MemorySink();
        MemorySink b = new MemorySink();
        generate(config, a);
        generate(config, b);
        assertThat(a.records()).hasSameSizeAs(b.records());
        for (int i = 0; i < a.records().size(); i++) {
            assertThat(Arrays.equals(a.records().get(i).value(), b.records().get(i).value())).as("record " + i).isTrue();
        }
        MemorySink c = new MemorySink();
        generate(GeneratorConfig.simulated(START, Duration.ofSeconds(30), 100, 43), c);
        assertThat(c.records().get(0).value()).isNotEqualTo(a.records().get(0).value());
    }

    @Test
    void aCountStopsAtExactlyThatManyRequests() throws Exception {
        MemorySink sink = new MemorySink();
        GroundTruthData t = generate(GeneratorConfig.simulated(START, Duration.ofHours(1), 500, 3).withCount(1234L), sink);
        assertThat(t.requests()).isEqualTo(1234);
        assertThat(t.minutes().stream().mapToLong(MinuteTruth::total).sum()).isEqualTo(1234);
        assertThat(t.topics().stream().mapToLong(x -> x.events()).sum()).isEqualTo(1234);
    }

    @Test
    void recordTimestampsAreTheRequestTimesAndTopicsCanBeRenamed() throws Exception {
        MemorySink sink = new MemorySink();
        generate(GeneratorConfig.simulated(START, Duration.ofSeconds(20), 100, 3).withTopics(Map.of("raw.events", "edge.events")), sink);
        assertThat(sink.records()).extracting(RawRecord::topic).contains("edge.events").doesNotContain("raw.events");
        assertThat(sink.records()).allSatisfy(r -> assertThat(r.timestampMillis())
                .isBetween(START.toEpochMilli(), START.plusSeconds(20).toEpochMilli()));
    }

    @Test
    void realTimeRunsAtTheWallClock() throws Exception {
        MemorySink sink = new MemorySink();
        Instant now = Instant.now();
        GeneratorConfig config = new GeneratorConfig(Catalog.defaults(), 400, Mode.REALTIME, now, Duration.ofMillis(1500), null,
                Duration.ofMillis(250), 1, IncidentSchedule.none(), 0, 0, Map.of());
        long began = System.nanoTime();
        GroundTruthData t = generate(config, sink);
        long tookMs = (System.nanoTime() - began) / 1_000_000;
        assertThat(tookMs).as("paced by the clock").isGreaterThanOrEqualTo(1400);
        assertThat(t.requests()).as("about 400 req/s for 1.5 s, shaped by the time of day").isBetween(250L, 1000L);
        long after = System.currentTimeMillis();
        assertThat(sink.records()).allSatisfy(r -> assertThat(r.timestampMillis()).isBetween(now.toEpochMilli() - 1000, after));
    }

    @Test
    void aStopRequestEndsARealTimeRunAndKeepsTheGroundTruthWhole() throws Exception {
        MemorySink sink = new MemorySink();
        GeneratorConfig config = new GeneratorConfig(Catalog.defaults(), 200, Mode.REALTIME, Instant.now(), null, null,
                Duration.ofMillis(100), 1, IncidentSchedule.none(), 0, 0, Map.of());
        long stopAt = System.currentTimeMillis() + 600;
        StringWriter out = new StringWriter();
        TrafficGenerator g = new TrafficGenerator(config);
        RunSummary summary = g.run(sink, g.groundTruth(out), () -> System.currentTimeMillis() >= stopAt);
        GroundTruthData t = GroundTruthData.parse(new StringReader(out.toString()));
        assertThat(t.end()).isPresent();
        assertThat(t.requests()).isEqualTo(summary.requests()).isPositive();
        assertThat(t.topics().stream().mapToLong(x -> x.events()).sum()).isEqualTo(summary.requests());
    }

    @Test
    void badConfigurationsAreRefused() {
        assertThatThrownBy(() -> GeneratorConfig.simulated(START, null, 100, 1)).hasMessageContaining("duration or a count");
        assertThatThrownBy(() -> GeneratorConfig.simulated(START, Duration.ofMinutes(1), 0, 1)).hasMessageContaining("rate");
        assertThatThrownBy(() -> GeneratorConfig.simulated(START, Duration.ofMinutes(1), 10, 1).withBadInput(1.5, 0))
                .hasMessageContaining("fractions");
    }

    @Test
    void simulatedRunsEndAboutNowByDefault() {
        Instant now = Instant.parse("2026-03-02T12:34:56Z");
        assertThat(GeneratorConfig.defaultSimulatedStart(now, Duration.ofMinutes(10), null, 100))
                .isEqualTo(Instant.parse("2026-03-02T12:24:00Z"));
        assertThat(GeneratorConfig.defaultSimulatedStart(now, null, 60_000L, 100))
                .isEqualTo(Instant.parse("2026-03-02T12:24:00Z"));
    }

    private static long sum(String service) {
        return truth.minutesOf(service).stream().mapToLong(MinuteTruth::total).sum();
    }
}
