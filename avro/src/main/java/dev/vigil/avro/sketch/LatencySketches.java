package dev.vigil.avro.sketch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

/**
 * The latency sketch carried by {@code SliWindow.latencySketch}: a DDSketch of milliseconds with
 * 1% relative accuracy, encoded with sketches-java's compact binary encoding ({@code DDSketch.encode}). Every app makes,
 * reads and merges sketches here so that all of them share one index mapping.
 */
public final class LatencySketches {

    public static final double RELATIVE_ACCURACY = 0.01;

    private LatencySketches() {
    }

    public static DDSketch empty() {
        return DDSketches.unboundedDense(RELATIVE_ACCURACY);
    }

    public static ByteBuffer encode(DDSketch sketch) {
        return ByteBuffer.wrap(toBytes(sketch));
    }

    public static byte[] toBytes(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    /** Decodes a sketch; an empty buffer is an empty sketch. */
    public static DDSketch decode(ByteBuffer bytes) {
        if (bytes == null || !bytes.hasRemaining()) {
            return empty();
        }
        ByteBuffer copy = bytes.duplicate();
        byte[] array = new byte[copy.remaining()];
        copy.get(array);
        return decode(array);
    }

    public static DDSketch decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid latency sketch: " + e.getMessage(), e);
        }
    }

    /** Merges {@code other} into {@code into} and returns {@code into}. */
    public static DDSketch merge(DDSketch into, ByteBuffer other) {
        into.mergeWith(decode(other));
        return into;
    }

    /**
     * Estimated number of values at or under {@code thresholdMs}: whole bins whose representative
     * value is at or under the threshold (the bin's relative error applies at the edge).
     */
    public static double countAtOrBelow(DDSketch sketch, double thresholdMs) {
        if (sketch.isEmpty() || thresholdMs < 0) {
            return 0;
        }
        // Latencies are never negative, so whatever is not in the positive store is zero.
        double count = sketch.getCount() - sketch.getPositiveValueStore().getTotalCount();
        IndexMapping mapping = sketch.getIndexMapping();
        Iterator<Bin> bins = sketch.getPositiveValueStore().getAscendingIterator();
        while (bins.hasNext()) {
            Bin bin = bins.next();
            if (mapping.value(bin.getIndex()) > thresholdMs) {
                break;
            }
            count += bin.getCount();
        }
        return count;
    }
}
