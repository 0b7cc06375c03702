package dev.vigil.alerting.burn;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.vigil.alerting.slo.BurnRule;
import dev.vigil.alerting.slo.Slo;

/**
 * One SLO's good/total counts over time: minute buckets for the last {@link #MINUTE_HORIZON}
 * (short and medium windows), hour buckets for the period and the long windows. A minute's counts
 * arrive as cumulative snapshots of the aggregator's minute window, so a new snapshot replaces
 * the minute and adds only its difference to the hour. Windows end at the bucket that holds
 * "now": a W-minute window is the W minute buckets up to and including now's minute.
 *
 * <p>Chunks read are kept for the life of this object, so make one per evaluation.
 */
public final class SloSeries {

    /** Windows up to this long are summed over minute buckets, longer ones over hour buckets. */
    public static final Duration MINUTE_HORIZON = Duration.ofHours(6);
    /** Minute chunks (hours) kept: the horizon, the current hour and one spare. */
    static final int MINUTE_CHUNKS_KEPT = (int) MINUTE_HORIZON.toHours() + 2;

    private final ChunkStore store;
    private final Map<Long, BucketChunk> minutes = new HashMap<>();
    private final Map<Long, BucketChunk> hours = new HashMap<>();

    public SloSeries(ChunkStore store) {
        this.store = store;
    }

    /** Days of hour buckets an SLO needs: its period, or its longest hour-resolution window, plus one. */
    public static int retentionDays(Slo slo) {
        long longest = 0;
        for (BurnRule r : slo.effectiveRules()) {
            longest = Math.max(longest, r.longWindow().toMillis());
        }
        int windowDays = (int) Math.ceil(longest / 86_400_000.0);
        return Math.max(slo.period().days(), windowDays) + 1;
    }

    /**
     * Takes the latest snapshot of the minute starting at {@code minuteStartMs}. Returns the change
     * it made to the SLO's counts, or null when the minute is older than the horizon before
     * {@code nowMs} (too late to count exactly: dropped, and the caller counts it).
     */
    public Counts record(long minuteStartMs, Counts snapshot, long nowMs, int retentionDays) {
        long minute = Resolution.MINUTE.bucket(minuteStartMs);
        long nowMinute = Resolution.MINUTE.bucket(nowMs);
        if (minute <= nowMinute - MINUTE_HORIZON.toMinutes()) {
            return null;
        }
        long mChunk = Resolution.MINUTE.chunkOfBucket(minute);
        BucketChunk mc = chunk(Resolution.MINUTE, mChunk);
        boolean newMinuteChunk = mc == null;
        if (mc == null) {
            mc = new BucketChunk(Resolution.MINUTE.bucketsPerChunk());
            minutes.put(mChunk, mc);
        }
        int slot = Resolution.MINUTE.slot(minute);
        Counts delta = snapshot.minus(mc.get(slot));
        if (delta.isZero()) {
            return delta;
        }
        mc.set(slot, snapshot);
        store.save(Resolution.MINUTE, mChunk, mc);
        if (newMinuteChunk) {
            store.deleteBefore(Resolution.MINUTE, Resolution.MINUTE.chunkOfBucket(nowMinute) - MINUTE_CHUNKS_KEPT + 1);
        }

        long hour = Resolution.HOUR.bucket(minuteStartMs);
        long hChunk = Resolution.HOUR.chunkOfBucket(hour);
        BucketChunk hc = chunk(Resolution.HOUR, hChunk);
        boolean newHourChunk = hc == null;
        if (hc == null) {
            hc = new BucketChunk(Resolution.HOUR.bucketsPerChunk());
            hours.put(hChunk, hc);
        }
        hc.add(Resolution.HOUR.slot(hour), delta);
        store.save(Resolution.HOUR, hChunk, hc);
        if (newHourChunk) {
            store.deleteBefore(Resolution.HOUR, Resolution.HOUR.chunkOfBucket(Resolution.HOUR.bucket(nowMs)) - retentionDays + 1);
        }
        return delta;
    }

    /** Counts over the {@code window} that ends at {@code nowMs}. */
    public Counts window(long nowMs, Duration window) {
        if (window.compareTo(MINUTE_HORIZON) <= 0) {
            long now = Resolution.MINUTE.bucket(nowMs);
            long n = Math.max(1, window.toMinutes());
            return range(Resolution.MINUTE, now - n + 1, now);
        }
        long now = Resolution.HOUR.bucket(nowMs);
        long n = Math.max(1, (window.toMillis() + Resolution.HOUR.bucketMs() - 1) / Resolution.HOUR.bucketMs());
        return range(Resolution.HOUR, now - n + 1, now);
    }

    /** Counts of the buckets {@code from..to} (inclusive) of {@code resolution}. */
    public Counts range(Resolution resolution, long from, long to) {
        Counts sum = Counts.ZERO;
        for (long c = resolution.chunkOfBucket(from); c <= resolution.chunkOfBucket(to); c++) {
            BucketChunk chunk = chunk(resolution, c);
            if (chunk == null) {
                continue;
            }
            long first = c * resolution.bucketsPerChunk();
            int lo = (int) Math.max(0, from - first);
            int hi = (int) Math.min(resolution.bucketsPerChunk() - 1, to - first);
            sum = sum.plus(chunk.sum(lo, hi));
        }
        return sum;
    }

    private BucketChunk chunk(Resolution r, long index) {
        Map<Long, BucketChunk> cache = r == Resolution.MINUTE ? minutes : hours;
        BucketChunk c = cache.get(index);
        if (c == null && !cache.containsKey(index)) {
            c = store.load(r, index);
            cache.put(index, c);
        }
        return c;
    }
}
