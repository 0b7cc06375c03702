package dev.vigil.alerting.burn;

import java.util.Arrays;

/**
 * Good/total counts of consecutive buckets (60 minutes of an hour, or 24 hours of a day), stored
 * as one value so that a window reads a few small values instead of one per bucket. Encoded as
 * a version byte and unsigned varints.
 */
public final class BucketChunk {

    private static final byte VERSION = 1;

    private final long[] good;
    private final long[] total;

    public BucketChunk(int buckets) {
        this.good = new long[buckets];
        this.total = new long[buckets];
    }

    private BucketChunk(long[] good, long[] total) {
        this.good = good;
        this.total = total;
    }

    public int size() {
        return good.length;
    }

    public Counts get(int slot) {
        return new Counts(good[slot], total[slot]);
    }

    public void set(int slot, Counts c) {
        good[slot] = Math.max(0, c.good());
        total[slot] = Math.max(0, c.total());
    }

    public void add(int slot, Counts delta) {
        set(slot, get(slot).plus(delta));
    }

    /** Sum of slots {@code from..to}, inclusive. */
    public Counts sum(int from, int to) {
        long g = 0;
        long t = 0;
        for (int i = Math.max(0, from); i <= Math.min(to, good.length - 1); i++) {
            g += good[i];
            t += total[i];
        }
        return new Counts(g, t);
    }

    public byte[] encode() {
        // Straight into an array: this runs twice per SLI update and SLO (ByteArrayOutputStream locks per byte).
        byte[] out = new byte[2 + good.length * 2 * 10];
        out[0] = VERSION;
        out[1] = (byte) good.length;
        int pos = 2;
        for (int i = 0; i < good.length; i++) {
            pos = writeVarLong(out, pos, good[i]);
            pos = writeVarLong(out, pos, total[i]);
        }
        return Arrays.copyOf(out, pos);
    }

    public static BucketChunk decode(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a bucket chunk");
        }
        int n = bytes[1] & 0xff;
        long[] good = new long[n];
        long[] total = new long[n];
        int[] pos = {2};
        for (int i = 0; i < n; i++) {
            good[i] = readVarLong(bytes, pos);
            total[i] = readVarLong(bytes, pos);
        }
        return new BucketChunk(good, total);
    }

    private static int writeVarLong(byte[] out, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }

    private static long readVarLong(byte[] b, int[] pos) {
        long v = 0;
        int shift = 0;
        while (true) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketChunk c && Arrays.equals(good, c.good) && Arrays.equals(total, c.total);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(good) * 31 + Arrays.hashCode(total);
    }
}
