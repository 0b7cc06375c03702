package dev.vigil.alerting.burn;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The in-memory {@link ChunkStore}, holding encoded bytes as the state stores do: for replays and benchmarks. */
public final class InMemoryChunks implements ChunkStore {

    private final Map<Resolution, TreeMap<Long, byte[]>> chunks = new HashMap<>();

    private TreeMap<Long, byte[]> of(Resolution r) {
        return chunks.computeIfAbsent(r, x -> new TreeMap<>());
    }

    @Override
    public BucketChunk load(Resolution r, long chunk) {
        byte[] b = of(r).get(chunk);
        return b == null ? null : BucketChunk.decode(b);
    }

    @Override
    public void save(Resolution r, long chunk, BucketChunk value) {
        of(r).put(chunk, value.encode());
    }

    @Override
    public void deleteBefore(Resolution r, long chunk) {
        of(r).headMap(chunk).clear();
    }

    /** How many chunks of this resolution are held. */
    public int count(Resolution r) {
        return of(r).size();
    }
}
