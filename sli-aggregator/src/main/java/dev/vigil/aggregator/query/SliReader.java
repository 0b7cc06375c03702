package dev.vigil.aggregator.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import dev.vigil.aggregator.sli.SliAccumulator;
import dev.vigil.aggregator.sli.SliKey;
import dev.vigil.aggregator.sli.SliStats;
import dev.vigil.avro.SliScope;

/**
 * Answers questions from the stores this instance holds (the local part of the aggregator's
 * state). Every fetch is bounded in time; windows are merged from their encoded form.
 */
public final class SliReader {

    private static final Comparator<BreakdownEntry> WORST_FIRST = Comparator
            .comparing(BreakdownEntry::errorRatio, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(BreakdownEntry::p99Ms, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(BreakdownEntry::total, Comparator.reverseOrder())
            .thenComparing(e -> e.endpoint() != null ? e.endpoint() : e.region());

    private final ReadOnlyWindowStore<Bytes, byte[]> minutes;
    private final ReadOnlyWindowStore<Bytes, byte[]> hours;
    private final ReadOnlyKeyValueStore<String, Long> services;

    public SliReader(ReadOnlyWindowStore<Bytes, byte[]> minutes, ReadOnlyWindowStore<Bytes, byte[]> hours,
            ReadOnlyKeyValueStore<String, Long> services) {
        this.minutes = minutes;
        this.hours = hours;
        this.services = services;
    }

    /** The latest event time seen for {@code service}; empty when this instance does not know it. */
    public Optional<Instant> lastSeen(String service) {
        Long seen = services.get(service);
        return Optional.ofNullable(seen).map(Instant::ofEpochMilli);
    }

    public SliSeries series(String service, SeriesPlan plan) {
        TimeRange r = plan.range();
        SliAccumulator[] points = new SliAccumulator[plan.points()];
        try (WindowStoreIterator<byte[]> it = store(r).fetch(Bytes.wrap(SliKey.service(service).toBytes()), r.from(), last(r))) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> window = it.next();
                int i = (int) ((window.key - r.fromMs()) / plan.stepMs());
                if (i >= 0 && i < points.length) {
                    (points[i] == null ? points[i] = SliAccumulator.empty() : points[i]).mergeEncoded(window.value);
                }
            }
        }
        SliAccumulator summary = SliAccumulator.empty();
        List<SliPoint> out = new ArrayList<>(points.length);
        SliStats none = SliAccumulator.empty().stats();
        for (int i = 0; i < points.length; i++) {
            long start = r.fromMs() + i * plan.stepMs();
            long end = Math.min(start + plan.stepMs(), r.toMs());
            if (points[i] == null) {
                out.add(SliPoint.of(start, end, none));
            } else {
                out.add(SliPoint.of(start, end, points[i].stats()));
                summary.merge(points[i]);
            }
        }
        return new SliSeries(service, r.from(), r.to(), QueryPlanner.format(plan.stepMs()), r.resolution().label(), out,
                SliPoint.of(r.fromMs(), r.toMs(), summary.stats()));
    }

    /** Endpoints (or regions) of {@code service} over the range, worst first. */
    public Breakdown breakdown(String service, SliScope scope, TimeRange r) {
        SliKey.Range keys = SliKey.of(service, scope);
        Map<Bytes, SliAccumulator> byKey = new HashMap<>();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> it = store(r).fetch(Bytes.wrap(keys.from()), Bytes.wrap(keys.to()), r.from(), last(r))) {
            while (it.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> window = it.next();
                byKey.computeIfAbsent(window.key.key(), k -> SliAccumulator.empty()).mergeEncoded(window.value);
            }
        }
        List<BreakdownEntry> entries = new ArrayList<>(byKey.size());
        byKey.forEach((k, acc) -> {
            SliKey key = SliKey.fromBytes(k.get());
            entries.add(scope == SliScope.ENDPOINT ? BreakdownEntry.of(key.dimension(), null, acc.stats())
                    : BreakdownEntry.of(null, key.dimension(), acc.stats()));
        });
        entries.sort(WORST_FIRST);
        return scope == SliScope.ENDPOINT ? new Breakdown(service, r.from(), r.to(), r.resolution().label(), entries, null)
                : new Breakdown(service, r.from(), r.to(), r.resolution().label(), null, entries);
    }

    /** Every service this instance holds with requests in the range, by name. */
    public List<ServiceSummary> services(TimeRange r) {
        List<ServiceSummary> out = new ArrayList<>();
        List<KeyValue<String, Long>> candidates = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = services.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value >= r.fromMs()) {
                    candidates.add(kv);
                }
            });
        }
        for (KeyValue<String, Long> candidate : candidates) {
            SliAccumulator acc = aggregate(candidate.key, r);
            if (acc.total() > 0) {
                SliStats s = acc.stats();
                out.add(new ServiceSummary(candidate.key, s.total(), s.availability(), s.errorRatio(), s.p99Ms(),
                        Instant.ofEpochMilli(candidate.value)));
            }
        }
        out.sort(Comparator.comparing(ServiceSummary::service));
        return out;
    }

    /** The {@code limit} worst services this instance holds, by {@code metric}. */
    public List<ServiceSummary> top(TopMetric metric, TimeRange r, int limit) {
        return services(r).stream().filter(metric::ranks).sorted(metric.worstFirst()).limit(limit).toList();
    }

    /** Everything {@code service} served in the range, merged. */
    public SliAccumulator aggregate(String service, TimeRange r) {
        SliAccumulator acc = SliAccumulator.empty();
        try (WindowStoreIterator<byte[]> it = store(r).fetch(Bytes.wrap(SliKey.service(service).toBytes()), r.from(), last(r))) {
            it.forEachRemaining(window -> acc.mergeEncoded(window.value));
        }
        return acc;
    }

    private ReadOnlyWindowStore<Bytes, byte[]> store(TimeRange r) {
        return r.resolution() == Resolution.MINUTE ? minutes : hours;
    }

    /** Window-store time bounds are inclusive of window starts; the range is half-open. */
    private static Instant last(TimeRange r) {
        return Instant.ofEpochMilli(r.toMs() - 1);
    }
}
