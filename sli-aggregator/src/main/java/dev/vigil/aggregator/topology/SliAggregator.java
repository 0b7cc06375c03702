package dev.vigil.aggregator.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.jboss.logging.Logger;

import dev.vigil.aggregator.sli.SliAccumulator;
import dev.vigil.aggregator.sli.SliKey;
import dev.vigil.aggregator.sli.TimeBuckets;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.deadletter.DeadLetters;

/**
 * Adds each request to its minute window and hour rollup for the service, its endpoint and its
 * region, and publishes the minute windows: changed ones once per emit interval (wall clock), and
 * each one a last time, final, once stream time has passed its end plus grace.
 *
 * <p>Which windows are still open lives in a store (so it survives restarts and moves with the
 * task, inside the same transactions as the windows); which of those changed since the last
 * publication lives in memory, and after a restart every open window counts as changed (a repeated
 * update is harmless: each carries the whole window).
 */
final class SliAggregator implements Processor<String, RequestEvent, String, SpecificRecord> {

    private static final Logger LOG = Logger.getLogger(SliAggregator.class);
    private static final long LOG_EVERY_MS = 60_000;
    private static final long SERVICES_SWEEP_EVERY_MS = 10 * 60_000;
    private static final byte[] PRESENT = new byte[0];
    /** Decoded windows kept per task, most recently used first: enough for the windows being filled now. */
    private static final int DECODED_CACHE_ENTRIES = 4_096;

    private final AggregationSettings settings;
    private final AggregationObserver observer;
    private final Serializer<RequestEvent> rawSerializer;
    private final long graceMs;
    private final Set<OpenWindow> changed = new LinkedHashSet<>();
    /**
     * The windows being filled, decoded, so that an event costs one encoding and not a decoding too.
     * Always equal to what the stores hold: this processor is their only writer, and the cache is
     * emptied whenever the task (re)initializes, e.g. after a restore.
     */
    private final Map<CachedWindow, SliAccumulator> decoded = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CachedWindow, SliAccumulator> eldest) {
            return size() > DECODED_CACHE_ENTRIES;
        }
    };
    private final ThrottledLog lateLog = new ThrottledLog(LOG, LOG_EVERY_MS);
    private final ThrottledLog deadLetterLog = new ThrottledLog(LOG, LOG_EVERY_MS);

    private ProcessorContext<String, SpecificRecord> context;
    private WindowStore<Bytes, byte[]> minutes;
    private WindowStore<Bytes, byte[]> hours;
    private KeyValueStore<String, Long> services;
    private KeyValueStore<Bytes, byte[]> open;
    private long lastServicesSweep;
    private Cancellable publication;

    SliAggregator(AggregationSettings settings, AggregationObserver observer, Serializer<RequestEvent> rawSerializer) {
        this.settings = settings;
        this.observer = observer;
        this.rawSerializer = rawSerializer;
        this.graceMs = settings.grace().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.minutes = context.getStateStore(SliTopology.MINUTE_STORE);
        this.hours = context.getStateStore(SliTopology.HOUR_STORE);
        this.services = context.getStateStore(SliTopology.SERVICES_STORE);
        this.open = context.getStateStore(SliTopology.OPEN_STORE);
        decoded.clear();
        changed.clear();
        try (KeyValueIterator<Bytes, byte[]> all = open.all()) {
            all.forEachRemaining(kv -> changed.add(OpenWindow.fromStoreKey(kv.key)));
        }
        lastServicesSweep = context.currentSystemTimeMs();
        publication = context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void close() {
        // A revived task initializes this processor again: one publication schedule at a time.
        if (publication != null) {
            publication.cancel();
            publication = null;
        }
    }

    @Override
    public void process(Record<String, RequestEvent> record) {
        RequestEvent event = record.value();
        if (event == null) {
            deadLetter(DeadLetterReason.MISSING_FIELD, "record without a value (a tombstone is not a request)", null);
            return;
        }
        String service = event.getService();
        if (record.key() == null || !record.key().equals(service)) {
            deadLetter(DeadLetterReason.INVALID_VALUE, "record key " + quote(record.key()) + " is not the event's service "
                    + quote(service) + " (request-events is keyed by service)", event);
            return;
        }
        long ts = event.getTimestamp().toEpochMilli();
        long now = context.currentSystemTimeMs();
        if (ts < 0) {
            deadLetter(DeadLetterReason.INVALID_VALUE, "timestamp before 1970: " + event.getTimestamp(), event);
            return;
        }
        if (EventTimestamps.wasReplaced(ts, record.timestamp())) {
            // The timestamp extractor judged it too far ahead of the clock (and kept it out of stream time).
            deadLetter(DeadLetterReason.FUTURE_TIMESTAMP, "timestamp " + event.getTimestamp() + " is more than "
                    + settings.maxFutureSkew() + " ahead of the clock", event);
            return;
        }
        List<SliKey> keys;
        try {
            keys = keysOf(event);
        } catch (IllegalArgumentException e) {
            deadLetter(DeadLetterReason.INVALID_VALUE, e.getMessage(), event);
            return;
        }
        long minute = TimeBuckets.floor(ts, TimeBuckets.MINUTE_MS);
        long closesAt = minute + TimeBuckets.MINUTE_MS + graceMs;
        long streamTime = context.currentStreamTimeMs();
        if (closesAt <= streamTime) {
            observer.lateEvent(service, streamTime - closesAt);
            lateLog.record(now, "late event(s) not aggregated: they arrived after their minute window closed (grace "
                    + settings.grace() + "); latest for service " + quote(service) + ", " + (streamTime - closesAt)
                    + " ms after the close; counted in vigil_aggregator_late_events_total");
            return;
        }
        long hour = TimeBuckets.floor(ts, TimeBuckets.HOUR_MS);
        for (SliKey key : keys) {
            Bytes k = Bytes.wrap(key.toBytes());
            add(minutes, false, k, minute, event);
            add(hours, true, k, hour, event);
            OpenWindow window = new OpenWindow(minute, k);
            if (changed.add(window)) {
                open.put(window.storeKey(), PRESENT);
            }
        }
        Long seen = services.get(service);
        if (seen == null || seen < ts) {
            services.put(service, ts);
        }
    }

    private static List<SliKey> keysOf(RequestEvent event) {
        List<SliKey> keys = new ArrayList<>(3);
        keys.add(SliKey.service(event.getService()));
        keys.add(SliKey.endpoint(event.getService(), event.getEndpoint()));
        String region = event.getRegion();
        if (region != null && !region.isBlank()) {
            keys.add(SliKey.region(event.getService(), region));
        }
        return keys;
    }

    private void add(WindowStore<Bytes, byte[]> store, boolean hour, Bytes key, long windowStart, RequestEvent event) {
        SliAccumulator acc = decoded.computeIfAbsent(new CachedWindow(hour, key, windowStart), w -> {
            byte[] current = store.fetch(key, windowStart);
            return current == null ? SliAccumulator.empty() : SliAccumulator.fromBytes(current);
        });
        store.put(key, acc.add(event).toBytes(), windowStart);
    }

    private record CachedWindow(boolean hour, Bytes key, long start) {
    }

    /** Publishes finals for windows past end + grace, then updates for the rest of the changed windows. */
    private void publish(long now) {
        long streamTime = context.currentStreamTimeMs();
        // A window [start, start + 1m) is closed once start + 1m + grace <= stream time.
        long lastClosedStart = streamTime - graceMs - TimeBuckets.MINUTE_MS;
        int finals = 0;
        if (lastClosedStart >= 0) {
            List<OpenWindow> closing = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = open.range(OpenWindow.startBound(0), OpenWindow.startBound(lastClosedStart + 1))) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    closing.add(OpenWindow.fromStoreKey(kv.key));
                }
            }
            for (OpenWindow window : closing) {
                forward(window, true, now);
                decoded.remove(new CachedWindow(false, window.key(), window.start()));
                open.delete(window.storeKey());
                changed.remove(window);
                finals++;
            }
        }
        int updates = 0;
        for (OpenWindow window : changed) {
            forward(window, false, now);
            updates++;
        }
        changed.clear();
        if (updates + finals > 0) {
            observer.windowsEmitted(updates, finals);
        }
        if (now - lastServicesSweep >= SERVICES_SWEEP_EVERY_MS && streamTime >= 0) {
            forgetServicesOlderThan(streamTime - settings.hourRetention().toMillis());
            lastServicesSweep = now;
        }
    }

    private void forward(OpenWindow window, boolean isFinal, long now) {
        SliAccumulator acc = decoded.get(new CachedWindow(false, window.key(), window.start()));
        if (acc == null) {
            byte[] value = minutes.fetch(window.key(), window.start());
            if (value == null) {
                return;
            }
            acc = SliAccumulator.fromBytes(value);
        }
        SliKey key = SliKey.fromBytes(window.key().get());
        SliWindow out = acc.toWindow(key, window.start(), window.start() + TimeBuckets.MINUTE_MS, isFinal, now);
        context.forward(new Record<String, SpecificRecord>(key.service(), out, window.start()), SliTopology.WINDOWS_SINK);
    }

    /** Services not seen for longer than the hour rollups are kept have nothing left to answer with. */
    private void forgetServicesOlderThan(long cutoff) {
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = services.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value < cutoff) {
                    gone.add(kv.key);
                }
            });
        }
        gone.forEach(services::delete);
    }

    private void deadLetter(DeadLetterReason reason, String message, RequestEvent event) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? settings.requestEventsTopic() : meta.topic();
        DeadLetters.Origin origin = meta == null ? DeadLetters.Origin.unknown(topic)
                : new DeadLetters.Origin(meta.topic(), meta.partition(), meta.offset(), null, "avro", null);
        byte[] raw = event == null ? null : rawSerializer.serialize(topic, event);
        long now = context.currentSystemTimeMs();
        DeadLetter letter = DeadLetters.of(reason, message, settings.appName(), origin, raw, now);
        context.forward(new Record<String, SpecificRecord>(topic, letter, now), SliTopology.DEAD_LETTER_SINK);
        observer.deadLettered(reason);
        deadLetterLog.record(now, "request event(s) dead-lettered to " + settings.deadLetterTopic() + "; latest: " + reason
                + ": " + message);
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
