package dev.vigil.alerting.burn;

/** Bucket sizes: minute buckets grouped by hour, hour buckets grouped by day. */
public enum Resolution {
    MINUTE(60_000L, 60),
    HOUR(3_600_000L, 24);

    private final long bucketMs;
    private final int bucketsPerChunk;

    Resolution(long bucketMs, int bucketsPerChunk) {
        this.bucketMs = bucketMs;
        this.bucketsPerChunk = bucketsPerChunk;
    }

    public long bucketMs() {
        return bucketMs;
    }

    public int bucketsPerChunk() {
        return bucketsPerChunk;
    }

    public long chunkMs() {
        return bucketMs * bucketsPerChunk;
    }

    public long bucket(long epochMs) {
        return Math.floorDiv(epochMs, bucketMs);
    }

    public long chunkOfBucket(long bucket) {
        return Math.floorDiv(bucket, bucketsPerChunk);
    }

    public int slot(long bucket) {
        return (int) Math.floorMod(bucket, bucketsPerChunk);
    }
}
