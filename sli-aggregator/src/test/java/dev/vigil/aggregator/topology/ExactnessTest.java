package dev.vigil.aggregator.topology;

import static dev.vigil.aggregator.TestEvents.event;
import static dev.vigil.aggregator.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.aggregator.query.Breakdown;
import dev.vigil.aggregator.query.BreakdownEntry;
import dev.vigil.aggregator.query.QueryLimits;
import dev.vigil.aggregator.query.QueryPlanner;
import dev.vigil.aggregator.query.Resolution;
import dev.vigil.aggregator.query.SeriesPlan;
import dev.vigil.aggregator.query.ServiceSummary;
import dev.vigil.aggregator.query.SliPoint;
import dev.vigil.aggregator.query.SliReader;
import dev.vigil.aggregator.query.SliSeries;
import dev.vigil.aggregator.query.TimeRange;
import dev.vigil.aggregator.sli.TimeBuckets;
import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliScope;

/**
 * For any range, what the stores answer equals the exact counts of the input, at minute and at
 * hour resolution, per step, per endpoint and per service; quantiles stay within 1%.
 */
class ExactnessTest {

    private static final int EVENTS = 12_000;
    private static final Duration SPAN = Duration.ofHours(4);
    private static final String[] SERVICES = {"checkout", "search", "user-profile", "cart", "payments"};
    private static final String[] ENDPOINTS = {"GET /carts/{id}", "POST /carts", "GET /search", "DELETE /carts/{id}/items/{id}"};
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", null};
    private static final Instant NOW = T0.plus(SPAN).plus(Duration.ofMinutes(1));

    private static Harness h;
    private static final List<RequestEvent> input = new ArrayList<>();

    @BeforeAll
    static void aggregate() {
        h = new Harness(AggregationSettings.defaults().withStores(AggregationSettings.StoreKind.IN_MEMORY), NOW);
        Random r = new Random(42);
        int[] statuses = {200, 200, 200, 200, 200, 201, 204, 301, 400, 404, 429, 500, 502, 503};
        for (int i = 0; i < EVENTS; i++) {
            // Mostly in order, with some events up to 90 s behind (inside the 2-minute grace).
            long t = T0.toEpochMilli() + (long) ((double) i / EVENTS * SPAN.toMillis()) - (r.nextInt(10) == 0 ? r.nextInt(90_000) : 0);
            Integer status = r.nextInt(40) == 0 ? null : statuses[r.nextInt(statuses.length)];
            Double latency = r.nextInt(15) == 0 ? null : Math.exp(Math.log(30) + r.nextGaussian()) * (r.nextInt(50) == 0 ? 40 : 1);
            RequestEvent e = event(SERVICES[r.nextInt(SERVICES.length)], ENDPOINTS[r.nextInt(ENDPOINTS.length)],
                    REGIONS[r.nextInt(REGIONS.length)], Instant.ofEpochMilli(Math.max(T0.toEpochMilli(), t)), status, latency);
            input.add(e);
            h.send(e);
        }
        assertThat(h.observer.late).isEmpty();
        assertThat(h.observer.deadLetters).isEmpty();
    }

    @AfterAll
    static void close() {
        h.close();
    }

    @Test
    void minuteSeriesOfArbitraryRangesMatchExactCounts() {
        QueryPlanner planner = new QueryPlanner(QueryLimits.defaults());
        SliReader reader = h.reader();
        Random r = new Random(7);
        for (int i = 0; i < 40; i++) {
            String service = SERVICES[r.nextInt(SERVICES.length)];
            long from = T0.toEpochMilli() + r.nextInt(230) * TimeBuckets.MINUTE_MS;
            long to = from + (1 + r.nextInt(240)) * TimeBuckets.MINUTE_MS;
            int stepMinutes = 1 + r.nextInt(15);
            SeriesPlan plan = planner.series(String.valueOf(from), String.valueOf(to), stepMinutes + "m", NOW);
            assertThat(plan.range().resolution()).isEqualTo(Resolution.MINUTE);
            SliSeries series = reader.series(service, plan);

            assertExact(series.summary(), service, from, to, null);
            for (SliPoint p : series.points()) {
                assertExact(p, service, p.start().toEpochMilli(), p.end().toEpochMilli(), null);
            }
            assertThat(series.points()).hasSize((int) ((to - from + stepMinutes * TimeBuckets.MINUTE_MS - 1) / (stepMinutes * TimeBuckets.MINUTE_MS)));
            assertQuantiles(series.summary(), service, from, to);
        }
    }

    @Test
    void hourRollupsOfArbitraryRangesMatchExactCounts() {
        SliReader reader = h.reader();
        for (String service : SERVICES) {
            for (int fromHour = 0; fromHour < 4; fromHour++) {
                for (int toHour = fromHour + 1; toHour <= 4; toHour++) {
                    long from = T0.toEpochMilli() + fromHour * TimeBuckets.HOUR_MS;
                    long to = T0.toEpochMilli() + toHour * TimeBuckets.HOUR_MS;
                    SliSeries series = reader.series(service, new SeriesPlan(new TimeRange(from, to, Resolution.HOUR), TimeBuckets.HOUR_MS));
                    assertThat(series.resolution()).isEqualTo("hour");
                    assertExact(series.summary(), service, from, to, null);
                    for (SliPoint p : series.points()) {
                        assertExact(p, service, p.start().toEpochMilli(), p.end().toEpochMilli(), null);
                    }
                    assertQuantiles(series.summary(), service, from, to);
                }
            }
        }
    }

    @Test
    void endpointAndRegionBreakdownsMatchExactCountsWorstFirst() {
        SliReader reader = h.reader();
        long from = T0.plus(Duration.ofMinutes(17)).toEpochMilli();
        long to = T0.plus(Duration.ofMinutes(151)).toEpochMilli();
        TimeRange range = new TimeRange(from, to, Resolution.MINUTE);
        for (String service : SERVICES) {
            Breakdown endpoints = reader.breakdown(service, SliScope.ENDPOINT, range);
            assertThat(endpoints.regions()).isNull();
            assertThat(endpoints.endpoints()).extracting(BreakdownEntry::endpoint).containsExactlyInAnyOrder(ENDPOINTS);
            for (BreakdownEntry e : endpoints.endpoints()) {
                Predicate<RequestEvent> same = ev -> ev.getEndpoint().equals(e.endpoint());
                assertThat(e.total()).isEqualTo(count(service, from, to, same, ev -> true));
                assertThat(e.availabilityErrors()).isEqualTo(count(service, from, to, same, ev -> ev.getOutcome() == Outcome.AVAILABILITY_ERROR));
                assertThat(e.clientErrors()).isEqualTo(count(service, from, to, same, ev -> ev.getOutcome() == Outcome.CLIENT_ERROR));
            }
            assertThat(endpoints.endpoints()).isSortedAccordingTo(Comparator.comparing(BreakdownEntry::errorRatio).reversed());

            Breakdown regions = reader.breakdown(service, SliScope.REGION, range);
            assertThat(regions.endpoints()).isNull();
            assertThat(regions.regions()).extracting(BreakdownEntry::region).containsExactlyInAnyOrder("eu-west-1", "us-east-1");
            for (BreakdownEntry e : regions.regions()) {
                assertThat(e.total()).isEqualTo(count(service, from, to, ev -> e.region().equals(ev.getRegion()), ev -> true));
            }
        }
    }

    @Test
    void serviceListAndTopMatchExactCounts() {
        SliReader reader = h.reader();
        long from = T0.plus(Duration.ofMinutes(60)).toEpochMilli();
        long to = T0.plus(Duration.ofMinutes(95)).toEpochMilli();
        TimeRange range = new TimeRange(from, to, Resolution.MINUTE);
        List<ServiceSummary> services = reader.services(range);
        assertThat(services).extracting(ServiceSummary::service).containsExactly(Arrays.stream(SERVICES).sorted().toArray(String[]::new));
        Map<String, Long> lastSeen = input.stream().collect(Collectors.groupingBy(RequestEvent::getService,
                Collectors.mapping(e -> e.getTimestamp().toEpochMilli(), Collectors.reducing(0L, Math::max))));
        for (ServiceSummary s : services) {
            assertThat(s.total()).isEqualTo(count(s.service(), from, to, e -> true, e -> true));
            long errors = count(s.service(), from, to, e -> true, e -> e.getOutcome() == Outcome.AVAILABILITY_ERROR);
            assertThat(s.errorRatio()).isEqualTo((double) errors / s.total());
            assertThat(s.lastSeen().toEpochMilli()).isEqualTo(lastSeen.get(s.service()));
        }
        List<ServiceSummary> top = reader.top(dev.vigil.aggregator.query.TopMetric.ERROR_RATIO, range, 3);
        assertThat(top).hasSize(3);
        double third = top.get(2).errorRatio();
        assertThat(services).filteredOn(s -> !top.contains(s)).allSatisfy(s -> assertThat(s.errorRatio()).isLessThanOrEqualTo(third));
    }

    private static void assertExact(SliPoint p, String service, long from, long to, Predicate<RequestEvent> also) {
        Predicate<RequestEvent> extra = also == null ? e -> true : also;
        assertThat(p.total()).as("%s total [%s, %s)", service, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))
                .isEqualTo(count(service, from, to, extra, e -> true));
        assertThat(p.availabilityErrors()).isEqualTo(count(service, from, to, extra, e -> e.getOutcome() == Outcome.AVAILABILITY_ERROR));
        assertThat(p.clientErrors()).isEqualTo(count(service, from, to, extra, e -> e.getOutcome() == Outcome.CLIENT_ERROR));
        if (p.total() > 0) {
            assertThat(p.availability()).isEqualTo(1.0 - (double) p.availabilityErrors() / p.total());
        } else {
            assertThat(p.availability()).isNull();
        }
    }

    private static void assertQuantiles(SliPoint p, String service, long from, long to) {
        double[] exact = input.stream().filter(e -> in(e, service, from, to) && e.getLatencyMs() != null)
                .mapToDouble(RequestEvent::getLatencyMs).sorted().toArray();
        if (exact.length == 0) {
            assertThat(p.p50Ms()).isNull();
            return;
        }
        double[] estimated = {p.p50Ms(), p.p90Ms(), p.p95Ms(), p.p99Ms(), p.p999Ms()};
        double[] qs = {0.5, 0.9, 0.95, 0.99, 0.999};
        for (int i = 0; i < qs.length; i++) {
            double truth = exact[(int) Math.floor(qs[i] * (exact.length - 1))];
            assertThat(Math.abs(estimated[i] - truth) / truth).isLessThanOrEqualTo(0.01 + 1e-9);
        }
    }

    private static long count(String service, long from, long to, Predicate<RequestEvent> scope, Predicate<RequestEvent> what) {
        return input.stream().filter(e -> in(e, service, from, to) && scope.test(e) && what.test(e)).count();
    }

    private static boolean in(RequestEvent e, String service, long from, long to) {
        long t = e.getTimestamp().toEpochMilli();
        return e.getService().equals(service) && t >= from && t < to;
    }
}
