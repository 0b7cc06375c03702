package dev.vigil.aggregator.sli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;

import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.sketch.LatencySketches;

/**
 * The running aggregate of one window (or of any set of windows merged together): request counts
 * by outcome and status class, and the latencies as exact count/min/max/sum plus a mergeable
 * DDSketch (1% relative accuracy). Mutable on purpose: one is updated per event and per merge,
 * and the sketch inside is mutable anyway; never shared between threads.
 */
public final class SliAccumulator {

    private static final byte FORMAT_VERSION = 1;

    private long total;
    private long availabilityErrors;
    private long clientErrors;
    private final long[] statusClasses = new long[5];
    private long noStatus;
    private long latencyCount;
    private double latencyMin = Double.POSITIVE_INFINITY;
    private double latencyMax = Double.NEGATIVE_INFINITY;
    private double latencySum;
    private final DDSketch sketch;

    private SliAccumulator(DDSketch sketch) {
        this.sketch = sketch;
    }

    public static SliAccumulator empty() {
        return new SliAccumulator(LatencySketches.empty());
    }

    public SliAccumulator add(RequestEvent event) {
        return add(event.getOutcome(), event.getStatusCode(), event.getLatencyMs());
    }

    /** Counts one request. A latency that is missing, negative or not finite is not a latency: the request still counts. */
    public SliAccumulator add(Outcome outcome, Integer statusCode, Double latencyMs) {
        total++;
        switch (outcome) {
            case AVAILABILITY_ERROR -> availabilityErrors++;
            case CLIENT_ERROR -> clientErrors++;
            case OK -> {
                // counted in total only
            }
        }
        if (statusCode != null && statusCode >= 100 && statusCode <= 599) {
            statusClasses[statusCode / 100 - 1]++;
        } else {
            noStatus++;
        }
        if (latencyMs != null && latencyMs >= 0 && Double.isFinite(latencyMs)) {
            latencyCount++;
            latencyMin = Math.min(latencyMin, latencyMs);
            latencyMax = Math.max(latencyMax, latencyMs);
            latencySum += latencyMs;
            sketch.accept(latencyMs);
        }
        return this;
    }

    /** Adds {@code other} into this one and returns this. */
    public SliAccumulator merge(SliAccumulator other) {
        addCounts(other.total, other.availabilityErrors, other.clientErrors, other.statusClasses, other.noStatus);
        addLatencySummary(other.latencyCount, other.latencyMin, other.latencyMax, other.latencySum);
        if (other.latencyCount > 0) {
            sketch.mergeWith(other.sketch);
        }
        return this;
    }

    /** Merges an encoded accumulator ({@link #toBytes()}) without building an intermediate one. */
    public SliAccumulator mergeEncoded(byte[] encoded) {
        Reader in = new Reader(encoded);
        long[] classes = new long[5];
        long t = in.varLong();
        long a = in.varLong();
        long c = in.varLong();
        for (int i = 0; i < 5; i++) {
            classes[i] = in.varLong();
        }
        long n = in.varLong();
        long lc = in.varLong();
        addCounts(t, a, c, classes, n);
        if (lc > 0) {
            addLatencySummary(lc, in.doubleLE(), in.doubleLE(), in.doubleLE());
            try {
                sketch.decodeAndMergeWith(ByteArrayInput.wrap(encoded, in.pos, encoded.length - in.pos));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("invalid encoded latency sketch: " + e.getMessage(), e);
            }
        }
        return this;
    }

    private void addCounts(long t, long a, long c, long[] classes, long n) {
        total += t;
        availabilityErrors += a;
        clientErrors += c;
        for (int i = 0; i < 5; i++) {
            statusClasses[i] += classes[i];
        }
        noStatus += n;
    }

    private void addLatencySummary(long count, double min, double max, double sum) {
        if (count == 0) {
            return;
        }
        latencyCount += count;
        latencyMin = Math.min(latencyMin, min);
        latencyMax = Math.max(latencyMax, max);
        latencySum += sum;
    }

    public static SliAccumulator fromBytes(byte[] encoded) {
        return empty().mergeEncoded(encoded);
    }

    /**
     * The compact state-store form: a version byte, the counts as varints, then (only when there
     * are latencies) min, max and sum and the sketch in its own binary encoding.
     */
    public byte[] toBytes() {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(latencyCount == 0 ? 16 : 128);
        try {
            out.writeByte(FORMAT_VERSION);
            writeVarLong(out, total);
            writeVarLong(out, availabilityErrors);
            writeVarLong(out, clientErrors);
            for (long c : statusClasses) {
                writeVarLong(out, c);
            }
            writeVarLong(out, noStatus);
            writeVarLong(out, latencyCount);
            if (latencyCount > 0) {
                out.writeDoubleLE(latencyMin);
                out.writeDoubleLE(latencyMax);
                out.writeDoubleLE(latencySum);
                sketch.encode(out, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    private static void writeVarLong(GrowingByteArrayOutput out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((byte) v);
    }

    /** Reads the state-store form; anything else is an IllegalArgumentException. */
    private static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
            if (bytes == null || bytes.length == 0 || bytes[0] != FORMAT_VERSION) {
                throw new IllegalArgumentException("not an encoded SLI accumulator (format " + FORMAT_VERSION + ")");
            }
            pos = 1;
        }

        long varLong() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint in encoded SLI accumulator");
        }

        double doubleLE() {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits |= (next() & 0xFFL) << (8 * i);
            }
            return Double.longBitsToDouble(bits);
        }

        private byte next() {
            if (pos >= bytes.length) {
                throw new IllegalArgumentException("truncated encoded SLI accumulator");
            }
            return bytes[pos++];
        }
    }

    /** The window as published on sli-1m. */
    public SliWindow toWindow(SliKey key, long windowStart, long windowEnd, boolean isFinal, long updatedAt) {
        return SliWindow.newBuilder()
                .setService(key.service())
                .setScope(key.scope())
                .setEndpoint(key.scope() == dev.vigil.avro.SliScope.ENDPOINT ? key.dimension() : null)
                .setRegion(key.scope() == dev.vigil.avro.SliScope.REGION ? key.dimension() : null)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setTotal(total)
                .setAvailabilityErrors(availabilityErrors)
                .setClientErrors(clientErrors)
                .setCount1xx(statusClasses[0])
                .setCount2xx(statusClasses[1])
                .setCount3xx(statusClasses[2])
                .setCount4xx(statusClasses[3])
                .setCount5xx(statusClasses[4])
                .setCountNoStatus(noStatus)
                .setLatencyCount(latencyCount)
                .setLatencyMinMs(latencyCount == 0 ? null : latencyMin)
                .setLatencyMaxMs(latencyCount == 0 ? null : latencyMax)
                .setLatencySumMs(latencySum)
                .setLatencySketch(LatencySketches.encode(sketch))
                .setFinal$(isFinal)
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    /** The aggregate a published window carries (e.g. to merge windows read back from sli-1m). */
    public static SliAccumulator fromWindow(SliWindow w) {
        SliAccumulator acc = new SliAccumulator(LatencySketches.decode(w.getLatencySketch()));
        acc.addCounts(w.getTotal(), w.getAvailabilityErrors(), w.getClientErrors(),
                new long[] {w.getCount1xx(), w.getCount2xx(), w.getCount3xx(), w.getCount4xx(), w.getCount5xx()},
                w.getCountNoStatus());
        if (w.getLatencyCount() > 0) {
            acc.addLatencySummary(w.getLatencyCount(), orElse(w.getLatencyMinMs(), 0), orElse(w.getLatencyMaxMs(), 0),
                    w.getLatencySumMs());
        }
        return acc;
    }

    private static double orElse(Double v, double fallback) {
        return v == null ? fallback : v;
    }

    /** Counts, ratios and quantiles; quantiles are clamped into the exact [min, max]. */
    public SliStats stats() {
        Double availability = total == 0 ? null : 1.0 - (double) availabilityErrors / total;
        Double errorRatio = total == 0 ? null : (double) availabilityErrors / total;
        if (latencyCount == 0 || sketch.isEmpty()) {
            return new SliStats(total, availabilityErrors, clientErrors, availability, errorRatio, latencyCount,
                    null, null, null, null, null, null, null, null);
        }
        double[] q = sketch.getValuesAtQuantiles(SliStats.QUANTILES);
        for (int i = 0; i < q.length; i++) {
            q[i] = Math.max(latencyMin, Math.min(latencyMax, q[i]));
        }
        return new SliStats(total, availabilityErrors, clientErrors, availability, errorRatio, latencyCount,
                q[0], q[1], q[2], q[3], q[4], latencyMin, latencyMax, latencySum / latencyCount);
    }

    public long total() {
        return total;
    }

    public long availabilityErrors() {
        return availabilityErrors;
    }

    public long clientErrors() {
        return clientErrors;
    }

    /** Requests answered with a status of class {@code hundreds}xx, 1 to 5. */
    public long statusClass(int hundreds) {
        return statusClasses[hundreds - 1];
    }

    public long noStatus() {
        return noStatus;
    }

    public long latencyCount() {
        return latencyCount;
    }

    public double latencyMinMs() {
        return latencyMin;
    }

    public double latencyMaxMs() {
        return latencyMax;
    }

    public double latencySumMs() {
        return latencySum;
    }

    /** A copy of the sketch (the accumulator keeps its own). */
    public DDSketch sketch() {
        return sketch.copy();
    }

    public boolean isEmpty() {
        return total == 0;
    }
}
