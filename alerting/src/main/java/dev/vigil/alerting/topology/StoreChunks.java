package dev.vigil.alerting.topology;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.vigil.alerting.burn.BucketChunk;
import dev.vigil.alerting.burn.ChunkStore;
import dev.vigil.alerting.burn.Resolution;

/** One SLO's bucket chunks in the minute and hour count stores (read-only when given read-only stores). */
public final class StoreChunks implements ChunkStore {

    private final ReadOnlyKeyValueStore<Bytes, byte[]> minutes;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> hours;
    private final String sloId;

    public StoreChunks(ReadOnlyKeyValueStore<Bytes, byte[]> minutes, ReadOnlyKeyValueStore<Bytes, byte[]> hours, String sloId) {
        this.minutes = minutes;
        this.hours = hours;
        this.sloId = sloId;
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> of(Resolution r) {
        return r == Resolution.MINUTE ? minutes : hours;
    }

    private KeyValueStore<Bytes, byte[]> writable(Resolution r) {
        if (of(r) instanceof KeyValueStore<Bytes, byte[]> kv) {
            return kv;
        }
        throw new UnsupportedOperationException("read-only chunks");
    }

    @Override
    public BucketChunk load(Resolution r, long chunk) {
        byte[] v = of(r).get(ChunkKeys.key(sloId, chunk));
        return v == null ? null : BucketChunk.decode(v);
    }

    @Override
    public void save(Resolution r, long chunk, BucketChunk value) {
        writable(r).put(ChunkKeys.key(sloId, chunk), value.encode());
    }

    @Override
    public void deleteBefore(Resolution r, long chunk) {
        if (chunk > 0) {
            deleteRange(writable(r), 0, chunk - 1);
        }
    }

    /** Removes every chunk of this SLO (it was deleted, or now counts something else). */
    public void deleteAll() {
        deleteRange(writable(Resolution.MINUTE), 0, Long.MAX_VALUE);
        deleteRange(writable(Resolution.HOUR), 0, Long.MAX_VALUE);
    }

    private void deleteRange(KeyValueStore<Bytes, byte[]> store, long from, long to) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(ChunkKeys.key(sloId, from), ChunkKeys.key(sloId, to))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                keys.add(kv.key);
            }
        }
        keys.forEach(store::delete);
    }
}
