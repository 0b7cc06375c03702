package dev.vigil.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * When a burn-rate rule should fire, from the requests themselves: the first request timestamp t at
 * which, counting every request at or before t, both windows burn at least the rule's rate and the
 * long window holds at least {@code minEvents} requests. Windows follow alerting's definition: a
 * W-minute window is the W minute buckets up to and including t's minute (hour buckets are not
 * needed: the harness's windows are at most 1 h).
 */
final class DetectionTruth {

    record Rule(double burnRate, Duration longWindow, Duration shortWindow, long minEvents, double target) {
    }

    /** One request of the incident service: its timestamp and whether it was an availability error. */
    record Request(long timestampMillis, boolean bad) {
    }

    private DetectionTruth() {
    }

    static OptionalLong firingMoment(List<Request> requests, Rule rule) {
        List<Request> sorted = new ArrayList<>(requests);
        sorted.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
        TreeMap<Long, long[]> minutes = new TreeMap<>();
        double budget = 1 - rule.target();
        for (int i = 0; i < sorted.size(); i++) {
            Request r = sorted.get(i);
            long[] c = minutes.computeIfAbsent(Math.floorDiv(r.timestampMillis(), 60_000L), m -> new long[2]);
            c[0]++;
            c[1] += r.bad() ? 1 : 0;
            if (i + 1 < sorted.size() && sorted.get(i + 1).timestampMillis() == r.timestampMillis()) {
                continue;                       // evaluate once every request of this instant is in
            }
            long now = Math.floorDiv(r.timestampMillis(), 60_000L);
            long[] longW = sum(minutes, now - rule.longWindow().toMinutes() + 1, now);
            long[] shortW = sum(minutes, now - rule.shortWindow().toMinutes() + 1, now);
            if (longW[0] > 0 && shortW[0] > 0 && longW[0] >= rule.minEvents()
                    && burn(longW, budget) >= rule.burnRate() - 1e-9 && burn(shortW, budget) >= rule.burnRate() - 1e-9) {
                return OptionalLong.of(r.timestampMillis());
            }
        }
        return OptionalLong.empty();
    }

    private static long[] sum(TreeMap<Long, long[]> minutes, long from, long to) {
        long[] s = new long[2];
        for (long[] c : minutes.subMap(from, true, to, true).values()) {
            s[0] += c[0];
            s[1] += c[1];
        }
        return s;
    }

    private static double burn(long[] counts, double budget) {
        return (double) counts[1] / counts[0] / budget;
    }
}
