package dev.vigil.alerting.burn;

/** Where one SLO's bucket chunks live (a state store in the app, a map in tests and benchmarks). */
public interface ChunkStore {

    /** The chunk, or null when there is none. */
    BucketChunk load(Resolution resolution, long chunk);

    void save(Resolution resolution, long chunk, BucketChunk value);

    /** Removes every chunk of this resolution with an index below {@code chunk}. */
    void deleteBefore(Resolution resolution, long chunk);
}
