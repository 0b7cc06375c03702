package dev.vigil.aggregator.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.vigil.aggregator.TestEvents;
import dev.vigil.aggregator.sli.TimeBuckets;
import dev.vigil.avro.RequestEvent;

/** The benchmarks' traffic: many services, a few endpoints and regions each, an hour of minutes, in time order. */
final class Load {

    static final String[] ENDPOINTS = {"GET /api/items/{id}", "POST /api/items", "GET /api/search"};
    static final String[] REGIONS = {"eu-west-1", "us-east-1"};

    private Load() {
    }

    static String service(int i) {
        return String.format("svc-%04d", i);
    }

    /** {@code perServiceMinute} events for each of {@code services} services in each of the {@code minutes} minutes before {@code end}. */
    static List<RequestEvent> hour(int services, int minutes, int perServiceMinute, Instant end) {
        Random r = new Random(17);
        long start = TimeBuckets.floor(end.toEpochMilli(), TimeBuckets.MINUTE_MS) - Duration.ofMinutes(minutes).toMillis();
        List<RequestEvent> events = new ArrayList<>(services * minutes * perServiceMinute);
        for (int m = 0; m < minutes; m++) {
            for (int k = 0; k < perServiceMinute; k++) {
                for (int s = 0; s < services; s++) {
                    long t = start + m * TimeBuckets.MINUTE_MS + (k * TimeBuckets.MINUTE_MS + s) / perServiceMinute % TimeBuckets.MINUTE_MS;
                    int status = r.nextInt(100) == 0 ? 503 : r.nextInt(30) == 0 ? 404 : 200;
                    events.add(TestEvents.event(service(s), ENDPOINTS[r.nextInt(ENDPOINTS.length)], REGIONS[r.nextInt(REGIONS.length)],
                            Instant.ofEpochMilli(t), status, SketchBenchmark.latency(r)));
                }
            }
        }
        return events;
    }
}
