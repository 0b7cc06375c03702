package dev.vigil.e2e.support;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.generator.truth.GroundTruthData;
import dev.vigil.generator.truth.MinuteTruth;
import dev.vigil.testkit.AppProcess;

/**
 * Compares the aggregator's per service-minute answers ({@code GET /api/v1/services/{s}/sli?step=1m})
 * with the generator's ground truth: totals, availability errors and client errors exactly; p50, p90
 * and p99 within 1% relative.
 *
 * <p>Quantiles need a word. The ground truth gives the exact nearest-rank quantile (1-based rank
 * {@code ceil(q n)}); the aggregator's DDSketch answers a value within 1% of the item at 0-based rank
 * {@code floor(q (n - 1))}, i.e. 1-based {@code floor(q (n - 1)) + 1}. The two ranks are equal unless
 * {@code frac(q n) < q}, and then one apart; in a heavy tail (p99 of a few hundred requests) two
 * neighbouring items can be more than 1% apart, so comparing with the truth's value alone would fail
 * a correct sketch. So the exact latencies of every service-minute are read back from
 * {@code request-events} (what the normalizer emitted); their nearest-rank quantile must EQUAL the
 * ground truth's, and the aggregator's answer must be within 1% of the exact item at either rank
 * definition.
 */
public final class Exactness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private static final String[] FIELDS = {"p50Ms", "p90Ms", "p99Ms"};

    /** Per service, per minute start: counts {total, availability errors, client errors} and sorted latencies. */
    public record Observed(Map<String, Map<Long, long[]>> counts, Map<String, Map<Long, double[]>> latencies, long events,
            long maxDisorderMillis, Map<String, Long> otherServices) {
    }

    /** What a comparison found: mismatches (empty = exact), and how much was compared. */
    public record Result(List<String> mismatches, int minutes, int quantiles, double maxRelativeError) {
        public String summary() {
            return minutes + " service-minutes, " + quantiles + " quantiles compared, max relative quantile error "
                    + String.format("%.4f%%", maxRelativeError * 100);
        }
    }

    private Exactness() {
    }

    /**
     * Everything on {@code request-events} (read_committed), grouped by service and event-time minute; events of services
     * the run did not generate are only counted per service (in {@code otherServices}).
     */
    public static Observed readRequestEvents(String bootstrapServers, GroundTruthData truth) {
        java.util.Set<String> runServices = new java.util.HashSet<>();
        truth.run().services().forEach(s -> runServices.add(s.service()));
        Map<String, Long> others = new java.util.TreeMap<>();
        Map<String, Map<Long, long[]>> counts = new HashMap<>();
        Map<String, Map<Long, List<Double>>> lat = new HashMap<>();
        long events = 0;
        Map<Integer, Long> streamTime = new HashMap<>();
        long disorder = 0;
        for (var r : TopicReader.readAll(bootstrapServers, "request-events",
                VigilSerdes.embedded().serde(RequestEvent.class).deserializer())) {
            RequestEvent e = r.value();
            if (!runServices.contains(e.getService())) {
                others.merge(e.getService(), 1L, Long::sum);
                continue;
            }
            // How far behind its partition's stream time (the highest event time before it) an event arrives: what the
            // aggregator's grace must cover.
            long st = streamTime.merge(r.partition(), e.getTimestamp().toEpochMilli(), Math::max);
            disorder = Math.max(disorder, st - e.getTimestamp().toEpochMilli());
            long minute = Math.floorDiv(e.getTimestamp().toEpochMilli(), 60_000L) * 60_000L;
            long[] c = counts.computeIfAbsent(e.getService(), s -> new HashMap<>()).computeIfAbsent(minute, m -> new long[3]);
            c[0]++;
            if (e.getOutcome() == Outcome.AVAILABILITY_ERROR) {
                c[1]++;
            } else if (e.getOutcome() == Outcome.CLIENT_ERROR) {
                c[2]++;
            }
            if (e.getLatencyMs() != null) {
                lat.computeIfAbsent(e.getService(), s -> new HashMap<>()).computeIfAbsent(minute, m -> new ArrayList<>()).add(e.getLatencyMs());
            }
            events++;
        }
        Map<String, Map<Long, double[]>> sorted = new HashMap<>();
        lat.forEach((s, byMinute) -> byMinute.forEach((m, list) -> {
            double[] a = list.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            sorted.computeIfAbsent(s, k -> new HashMap<>()).put(m, a);
        }));
        return new Observed(counts, sorted, events, disorder, others);
    }

    /** The query range of a run: its first minute to the end of its last minute. */
    public static String range(GroundTruthData truth) {
        long from = truth.minutes().get(0).start().toEpochMilli();
        long to = truth.minutes().get(truth.minutes().size() - 1).start().toEpochMilli() + 60_000L;
        return "from=" + from + "&to=" + to;
    }

    /** Counts only (cheap, for polling): per service-minute totals and errors from the aggregator vs the truth. */
    public static Result compareCounts(AppProcess aggregator, GroundTruthData truth) {
        return compare(aggregator, truth, null);
    }

    /** Counts exactly and, with {@code observed}, quantiles within 1% (see the class comment). */
    public static Result compare(AppProcess aggregator, GroundTruthData truth, Observed observed) {
        List<String> problems = new ArrayList<>();
        int minutes = 0;
        int quantiles = 0;
        double maxError = 0;
        for (var service : truth.run().services()) {
            String s = service.service();
            HttpResponse<String> r = aggregator.get("/api/v1/services/" + s + "/sli?step=1m&" + range(truth));
            if (r.statusCode() != 200) {
                problems.add(s + ": HTTP " + r.statusCode() + " " + r.body());
                continue;
            }
            Map<Long, JsonNode> points = new HashMap<>();
            for (JsonNode p : json(r.body()).path("points")) {
                points.put(Instant.parse(p.get("start").asText()).toEpochMilli(), p);
            }
            for (MinuteTruth m : truth.minutesOf(s)) {
                long start = m.start().toEpochMilli();
                JsonNode p = points.get(start);
                long total = p == null ? 0 : p.path("total").asLong();
                long avail = p == null ? 0 : p.path("availabilityErrors").asLong();
                long client = p == null ? 0 : p.path("clientErrors").asLong();
                minutes++;
                if (total != m.total() || avail != m.availabilityErrors() || client != m.clientErrors()) {
                    problems.add(String.format("%s %s: total/availabilityErrors/clientErrors %d/%d/%d, truth %d/%d/%d", s, m.start(), total,
                            avail, client, m.total(), m.availabilityErrors(), m.clientErrors()));
                    continue;
                }
                if (observed == null || m.latencyCount() == 0) {
                    continue;
                }
                double[] exact = observed.latencies().getOrDefault(s, Map.of()).get(start);
                if (exact == null || exact.length != m.latencyCount()) {
                    problems.add(s + " " + m.start() + ": request-events carry " + (exact == null ? 0 : exact.length)
                            + " latencies, truth " + m.latencyCount());
                    continue;
                }
                Double[] truthQ = {m.p50Ms(), m.p90Ms(), m.p99Ms()};
                for (int i = 0; i < QUANTILES.length; i++) {
                    int n = exact.length;
                    int nearest = Math.min(n, Math.max(1, (int) Math.ceil(QUANTILES[i] * n))) - 1;
                    int sketchRank = (int) Math.floor(QUANTILES[i] * (n - 1));
                    if (Math.abs(exact[nearest] - truthQ[i]) > 1e-9 * Math.max(1, truthQ[i])) {
                        problems.add(s + " " + m.start() + " " + FIELDS[i] + ": exact from request-events " + exact[nearest] + ", truth "
                                + truthQ[i]);
                        continue;
                    }
                    JsonNode v = p.get(FIELDS[i]);
                    if (v == null || v.isNull()) {
                        problems.add(s + " " + m.start() + " " + FIELDS[i] + ": null, truth " + truthQ[i]);
                        continue;
                    }
                    double got = v.asDouble();
                    double error = Math.min(relative(got, exact[nearest]), relative(got, exact[sketchRank]));
                    quantiles++;
                    maxError = Math.max(maxError, error);
                    if (error > 0.01 + 1e-9) {
                        problems.add(String.format("%s %s %s: %.4f, exact %.4f (nearest rank) / %.4f (sketch rank), %.3f%% off", s,
                                m.start(), FIELDS[i], got, exact[nearest], exact[sketchRank], error * 100));
                    }
                }
            }
        }
        return new Result(problems, minutes, quantiles, maxError);
    }

    /** Per service-minute counts on request-events vs the truth (nothing lost, nothing twice, right outcome). */
    public static List<String> compareRequestEvents(Observed observed, GroundTruthData truth) {
        List<String> problems = new ArrayList<>();
        for (MinuteTruth m : truth.minutes()) {
            long[] c = observed.counts().getOrDefault(m.service(), Map.of()).getOrDefault(m.start().toEpochMilli(), new long[3]);
            if (c[0] != m.total() || c[1] != m.availabilityErrors() || c[2] != m.clientErrors()) {
                problems.add(String.format("request-events %s %s: %d/%d/%d, truth %d/%d/%d", m.service(), m.start(), c[0], c[1], c[2],
                        m.total(), m.availabilityErrors(), m.clientErrors()));
            }
        }
        if (observed.events() != truth.requests()) {
            problems.add("request-events holds " + observed.events() + " events, the generator wrote " + truth.requests() + " requests");
        }
        return problems;
    }

    /** Requests the aggregator counted over the run's range, summed over the run's services (-1 while it cannot answer). */
    public static long total(AppProcess aggregator, GroundTruthData truth) {
        long sum = 0;
        for (var s : truth.run().services()) {
            HttpResponse<String> r = aggregator.get("/api/v1/services/" + s.service() + "/sli?step=1m&" + range(truth));
            if (r.statusCode() != 200) {
                return -1;
            }
            sum += json(r.body()).path("summary").path("total").asLong();
        }
        return sum;
    }

    /** Waits until the aggregator counts every request of the run (or the timeout; the caller asserts the numbers). */
    public static void awaitCounted(AppProcess aggregator, GroundTruthData truth, java.time.Duration timeout) {
        try {
            Await.until("the aggregator counts every request", timeout, () -> {
                long counted = total(aggregator, truth);
                return counted == truth.requests() ? null : "counted " + counted + " of " + truth.requests();
            });
        } catch (AssertionError e) {
            System.out.println("[e2e] " + e.getMessage());
        }
    }

    private static double relative(double got, double exact) {
        return exact == 0 ? Math.abs(got) : Math.abs(got - exact) / Math.abs(exact);
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
