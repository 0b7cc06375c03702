package dev.vigil.generator.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.avro.Outcome;
import dev.vigil.generator.format.ContractDecoder;
import dev.vigil.generator.format.ContractDecoder.Event;
import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.Classification;
import dev.vigil.generator.model.IncidentSchedule;
import dev.vigil.generator.model.RawFormat;
import dev.vigil.generator.run.GeneratorConfig;
import dev.vigil.generator.run.MemorySink;
import dev.vigil.generator.run.RawRecord;
import dev.vigil.generator.run.TrafficGenerator;

/**
 * Everything the generator wrote, read back with an independent decoder that follows the contract's
 * default derivation rules, must add up to its ground truth exactly: every service-minute's counts,
 * endpoints, regions and nearest-rank latency quantiles, and every topic's records, events, skipped
 * spans, malformed records and duplicates.
 */
class GroundTruthExactnessTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static MemorySink sink;
    private static GroundTruthData truth;

    @BeforeAll
    static void generate() throws Exception {
        GeneratorConfig config = GeneratorConfig.simulated(START, Duration.ofMinutes(4), 150, 7)
                .withIncidents(IncidentSchedule.parse("error-spike:checkout:1m:1m:0.3,latency:search:2m:1m:4,outage:payments:1m30s:1m",
                        Catalog.defaults(), START))
                .withBadInput(0.02, 0.03);
        StringWriter out = new StringWriter();
        sink = new MemorySink();
        TrafficGenerator generator = new TrafficGenerator(config);
        generator.run(sink, generator.groundTruth(out), () -> false);
        truth = GroundTruthData.parse(new StringReader(out.toString()));
    }

    @Test
    void everyServiceMinuteMatchesWhatWasWritten() throws Exception {
        ContractDecoder decoder = new ContractDecoder();
        Map<String, Map<Long, List<Event>>> byServiceMinute = new TreeMap<>();
        Set<String> seenIds = new HashSet<>();
        for (RawRecord r : sink.records()) {
            ContractDecoder.Decoded d;
            try {
                d = decoder.decode(r.topic(), r.value());
            } catch (java.io.IOException | RuntimeException e) {
                continue;                           // malformed on purpose; counted in the topic test
            }
            for (Event e : d.events()) {
                if (e.requestId() != null && !seenIds.add(e.service() + "/" + e.requestId())) {
                    continue;                       // a duplicate the normalizer drops
                }
                byServiceMinute.computeIfAbsent(e.service(), s -> new TreeMap<>())
                        .computeIfAbsent(Math.floorDiv(e.timestampMillis(), 60_000L) * 60_000L, m -> new ArrayList<>()).add(e);
            }
        }
        assertThat(byServiceMinute.keySet()).as("every request is attributed to a known service")
                .isSubsetOf(Catalog.defaults().stream().map(p -> p.name()).toList());
        assertThat(truth.minutes()).hasSize(12 * 4);
        long total = 0;
        for (MinuteTruth m : truth.minutes()) {
            List<Event> events = byServiceMinute.getOrDefault(m.service(), Map.of()).getOrDefault(m.start().toEpochMilli(), List.of());
            String where = m.service() + " " + m.start();
            assertThat(events).as(where).hasSize((int) m.total());
            assertThat(count(events, Outcome.AVAILABILITY_ERROR)).as(where).isEqualTo(m.availabilityErrors());
            assertThat(count(events, Outcome.CLIENT_ERROR)).as(where).isEqualTo(m.clientErrors());
            double[] latencies = events.stream().filter(e -> e.latencyMs() != null).mapToDouble(Event::latencyMs).sorted().toArray();
            assertThat(latencies.length).as(where).isEqualTo(m.latencyCount());
            assertQuantile(latencies, 0.5, m.p50Ms(), where);
            assertQuantile(latencies, 0.9, m.p90Ms(), where);
            assertQuantile(latencies, 0.95, m.p95Ms(), where);
            assertQuantile(latencies, 0.99, m.p99Ms(), where);
            assertQuantile(latencies, 0.999, m.p999Ms(), where);
            Map<String, Long> endpoints = new TreeMap<>();
            Map<String, Long> regions = new TreeMap<>();
            events.forEach(e -> {
                endpoints.merge(e.endpoint(), 1L, Long::sum);
                regions.merge(e.region(), 1L, Long::sum);
            });
            Map<String, Long> truthEndpoints = new TreeMap<>();
            m.endpoints().forEach((k, c) -> truthEndpoints.put(k, c.total()));
            Map<String, Long> truthRegions = new TreeMap<>();
            m.regions().forEach((k, c) -> truthRegions.put(k, c.total()));
            assertThat(endpoints).as(where).isEqualTo(truthEndpoints);
            assertThat(regions).as(where).isEqualTo(truthRegions);
            total += m.total();
        }
        assertThat(total).isEqualTo(truth.requests()).isGreaterThan(30_000);
    }

    @Test
    void topicTotalsAddUp() throws Exception {
        ContractDecoder decoder = new ContractDecoder();
        Map<String, long[]> counted = new HashMap<>();
        Set<String> seenIds = new HashSet<>();
        for (RawRecord r : sink.records()) {
            long[] c = counted.computeIfAbsent(r.topic(), t -> new long[5]);
            c[0]++;
            ContractDecoder.Decoded d;
            try {
                d = decoder.decode(r.topic(), r.value());
            } catch (java.io.IOException | RuntimeException e) {
                c[3]++;
                continue;
            }
            c[2] += d.skipped();
            for (Event e : d.events()) {
                if (e.requestId() != null && !seenIds.add(e.service() + "/" + e.requestId())) {
                    c[4]++;
                } else {
                    c[1]++;
                }
            }
        }
        assertThat(truth.topics()).extracting(TopicTotals::topic)
                .containsExactlyInAnyOrder("raw.nginx", "raw.apache", "raw.envoy", "raw.alb", "raw.otlp", "raw.events");
        for (TopicTotals t : truth.topics()) {
            long[] c = counted.get(t.topic());
            assertThat(new long[] {t.records(), t.events(), t.skippedSpans(), t.invalidRecords(), t.duplicates()})
                    .as(t.topic()).containsExactly(c);
            assertThat(t.invalidRecords()).as(t.topic() + " has malformed records").isPositive();
        }
        assertThat(truth.topic("raw.otlp").orElseThrow().skippedSpans()).isPositive();
        assertThat(truth.topics().stream().mapToLong(TopicTotals::duplicates).sum()).isPositive();
        assertThat(truth.topic("raw.apache").orElseThrow().duplicates()).as("Apache lines carry no request id").isZero();
        assertThat(truth.records()).isEqualTo(sink.records().size());
    }

    @Test
    void theRunAndItsIncidentsAreRecorded() {
        assertThat(truth.run().mode()).isEqualTo("simulated");
        assertThat(truth.run().start()).isEqualTo(START);
        assertThat(truth.run().services()).hasSize(12);
        assertThat(truth.run().services()).extracting(RunInfo.ServiceInfo::format)
                .containsAll(java.util.Arrays.stream(RawFormat.values()).map(RawFormat::id).toList());
        assertThat(truth.incidents()).hasSize(3);
        assertThat(truth.incidents().get(0).start()).isEqualTo(START.plusSeconds(60));
        assertThat(truth.end()).contains(START.plus(Duration.ofMinutes(4)));
    }

    private static long count(List<Event> events, Outcome outcome) {
        return events.stream().filter(e -> Classification.outcome(e.status(), e.grpc()) == outcome).count();
    }

    private static void assertQuantile(double[] sorted, double q, Double expected, String where) {
        if (sorted.length == 0) {
            assertThat(expected).as(where + " p" + q).isNull();
            return;
        }
        double actual = sorted[Math.max(1, (int) Math.ceil(q * sorted.length)) - 1];
        assertThat(expected).as(where + " p" + q).isCloseTo(actual, within(1e-9 * Math.max(1, actual)));
    }
}
