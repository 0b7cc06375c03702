package dev.vigil.avro.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.datadoghq.sketch.ddsketch.DDSketch;

class LatencySketchesTest {

    @Test
    void mergedEncodedSketchesKeepOnePercentRelativeAccuracy() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 200_000;
        double[] values = new double[n];
        DDSketch merged = LatencySketches.empty();
        DDSketch part = LatencySketches.empty();
        for (int i = 0; i < n; i++) {
            // lognormal, median about 20 ms, heavy tail
            values[i] = Math.exp(Math.log(20) + 1.2 * gaussian(random));
            part.accept(values[i]);
            if (i % 1000 == 999) {
                LatencySketches.merge(merged, LatencySketches.encode(part));
                part = LatencySketches.empty();
            }
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            double exact = values[(int) Math.ceil(q * n) - 1];
            double estimate = merged.getValueAtQuantile(q);
            assertTrue(Math.abs(estimate - exact) / exact <= 0.01, "q" + q + " exact " + exact + " estimate " + estimate);
        }
        assertEquals(n, merged.getCount(), 0.0);
    }

    @Test
    void countAtOrBelowThreshold() {
        DDSketch sketch = LatencySketches.empty();
        for (int i = 1; i <= 1000; i++) {
            sketch.accept(i);
        }
        sketch.accept(0);
        double below = LatencySketches.countAtOrBelow(sketch, 300);
        // 301 values are <= 300; bins near the edge may move by 1% of the threshold.
        assertTrue(Math.abs(below - 301) <= 4, "got " + below);
        assertEquals(1001, LatencySketches.countAtOrBelow(sketch, 5000), 0.0);
        assertEquals(0, LatencySketches.countAtOrBelow(LatencySketches.empty(), 10), 0.0);
    }

    @Test
    void emptyBytesAreAnEmptySketchAndGarbageIsRefused() {
        assertTrue(LatencySketches.decode(ByteBuffer.allocate(0)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> LatencySketches.decode(new byte[] {(byte) 0xFF, 0x13, 0x7F}));
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
