package dev.vigil.alerting.topology;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.vigil.alerting.burn.BucketChunk;
import dev.vigil.alerting.burn.ChunkStore;
import dev.vigil.alerting.burn.Resolution;

/**
 * Decoded count chunks of the SLOs a task evaluated most recently, so that an SLI update reads
 * and decodes only what it does not hold yet (the chunks of older hours, which every evaluation
 * sums, stay decoded). The stores stay the record: every write goes through to them (changelogged,
 * exactly-once), and the cache is dropped whenever the task (re)initializes. Bounded by a number
 * of SLOs, least recently used first out.
 */
final class SeriesCache {

    private final int maxSlos;
    private final LinkedHashMap<String, SloChunks> slos;

    SeriesCache(int maxSlos) {
        this.maxSlos = maxSlos;
        this.slos = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SloChunks> eldest) {
                return size() > SeriesCache.this.maxSlos;
            }
        };
    }

    /** One SLO's chunks: the cache in front of {@code store}. */
    ChunkStore chunks(String sloId, StoreChunks store) {
        if (maxSlos <= 0) {
            return store;
        }
        return new Cached(slos.computeIfAbsent(sloId, id -> new SloChunks()), store);
    }

    void forget(String sloId) {
        slos.remove(sloId);
    }

    void clear() {
        slos.clear();
    }

    /** Known chunks by index; a null value means "not in the store". */
    private static final class SloChunks {
        final Map<Long, BucketChunk> minutes = new HashMap<>();
        final Map<Long, BucketChunk> hours = new HashMap<>();

        Map<Long, BucketChunk> of(Resolution r) {
            return r == Resolution.MINUTE ? minutes : hours;
        }
    }

    private record Cached(SloChunks cache, StoreChunks store) implements ChunkStore {

        @Override
        public BucketChunk load(Resolution r, long chunk) {
            Map<Long, BucketChunk> known = cache.of(r);
            BucketChunk c = known.get(chunk);
            if (c == null && !known.containsKey(chunk)) {
                c = store.load(r, chunk);
                known.put(chunk, c);
            }
            return c;
        }

        @Override
        public void save(Resolution r, long chunk, BucketChunk value) {
            store.save(r, chunk, value);
            cache.of(r).put(chunk, value);
        }

        @Override
        public void deleteBefore(Resolution r, long chunk) {
            store.deleteBefore(r, chunk);
            for (Iterator<Long> it = cache.of(r).keySet().iterator(); it.hasNext();) {
                if (it.next() < chunk) {
                    it.remove();
                }
            }
        }
    }
}
