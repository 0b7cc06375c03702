package dev.vigil.bench.jmh;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.datadoghq.sketch.ddsketch.DDSketch;

import dev.vigil.avro.sketch.LatencySketches;

/**
 * The shared latency sketch (DDSketch, 1% relative accuracy, {@link LatencySketches}): one insert,
 * merging one encoded minute sketch into another (what every range query does per window), one
 * quantile, and the encode/decode round trip of a stored sketch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LatencySketchBenchmark {

    /** Latencies in the minute sketch that is merged, queried and encoded. */
    @Param({"100", "10000"})
    public int values;

    private double[] latencies;
    private int next;
    private DDSketch growing;
    private DDSketch minute;
    private ByteBuffer encoded;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(11);
        latencies = new double[1 << 16];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = latency(r);
        }
        growing = LatencySketches.empty();
        minute = LatencySketches.empty();
        for (int i = 0; i < values; i++) {
            minute.accept(latency(r));
        }
        encoded = LatencySketches.encode(minute);
    }

    /** Log-normal around 40 ms with a 5% tail 5-50x slower (the generator's shape). */
    static double latency(SplittableRandom r) {
        double base = Math.exp(Math.log(40) + 0.6 * gaussian(r));
        return r.nextInt(20) == 0 ? base * (5 + r.nextInt(45)) : base;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Benchmark
    public DDSketch insert() {
        growing.accept(latencies[next++ & (latencies.length - 1)]);
        return growing;
    }

    /** A fresh sketch merged with one stored (encoded) minute: the per-window step of a range query. */
    @Benchmark
    public DDSketch mergeEncoded() {
        return LatencySketches.merge(LatencySketches.empty(), encoded.duplicate());
    }

    @Benchmark
    public double quantileP99() {
        return minute.getValueAtQuantile(0.99);
    }

    @Benchmark
    public ByteBuffer encode() {
        return LatencySketches.encode(minute);
    }

    @Benchmark
    public DDSketch decode() {
        return LatencySketches.decode(encoded.duplicate());
    }
}
