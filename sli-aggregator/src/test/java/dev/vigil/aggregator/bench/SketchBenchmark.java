package dev.vigil.aggregator.bench;

import java.util.Random;
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

import dev.vigil.aggregator.sli.SliAccumulator;
import dev.vigil.aggregator.sli.SliKey;
import dev.vigil.avro.Outcome;

/**
 * The cost of the sketch work behind every event and every query: one insert, merging one stored
 * minute window (as queries do, from its bytes), encoding and decoding a window (as every event
 * does). {@code main} first prints the state bytes per service-minute.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SketchBenchmark {

    /** Requests in the stored minute window. */
    @Param({"100", "1000"})
    int requestsPerMinute;

    private final Random random = new Random(1);
    private double[] latencies;
    private int next;
    private SliAccumulator accumulator;
    private SliAccumulator stored;
    private byte[] window;
    private SliAccumulator merged;

    @Setup(Level.Trial)
    public void setUp() {
        latencies = new double[1 << 16];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = latency(random);
        }
        accumulator = minute(random, requestsPerMinute);
        stored = minute(random, requestsPerMinute);
        window = stored.toBytes();
        merged = SliAccumulator.empty();
    }

    @Benchmark
    public SliAccumulator insert() {
        return accumulator.add(Outcome.OK, 200, latencies[next++ & (latencies.length - 1)]);
    }

    @Benchmark
    public SliAccumulator mergeStoredWindow() {
        return merged.mergeEncoded(window);
    }

    @Benchmark
    public byte[] encodeWindow() {
        return stored.toBytes();
    }

    @Benchmark
    public SliAccumulator decodeWindow() {
        return SliAccumulator.fromBytes(window);
    }

    /** Log-normal around 40 ms with a 5% tail up to seconds. */
    static double latency(Random r) {
        double base = Math.exp(Math.log(40) + 0.6 * r.nextGaussian());
        return r.nextInt(20) == 0 ? base * (5 + r.nextInt(50)) : base;
    }

    static SliAccumulator minute(Random r, int requests) {
        SliAccumulator acc = SliAccumulator.empty();
        for (int i = 0; i < requests; i++) {
            int status = r.nextInt(100) == 0 ? 503 : r.nextInt(30) == 0 ? 404 : 200;
            acc.add(status >= 500 ? Outcome.AVAILABILITY_ERROR : status >= 400 ? Outcome.CLIENT_ERROR : Outcome.OK, status, latency(r));
        }
        return acc;
    }

    /**
     * Bytes one service keeps per minute: its SERVICE window plus one window per endpoint and per
     * region (requests spread over them), values as stored plus the window store's key (SLI key,
     * 8-byte window start, 4-byte sequence number).
     */
    static void printStateSize() {
        Random r = new Random(3);
        System.out.println("# State bytes per service-minute (value + window-store key), 10 endpoints, 3 regions:");
        for (int requests : new int[] {10, 100, 1_000, 10_000}) {
            long bytes = stored(SliKey.service("checkout"), minute(r, requests));
            for (int e = 0; e < 10; e++) {
                bytes += stored(SliKey.endpoint("checkout", "GET /api/v1/resource-" + e + "/{id}"), minute(r, requests / 10));
            }
            for (int g = 0; g < 3; g++) {
                bytes += stored(SliKey.region("checkout", "eu-west-" + g), minute(r, requests / 3));
            }
            long serviceOnly = stored(SliKey.service("checkout"), minute(r, requests));
            System.out.printf("#   %6d requests/min: %6d bytes per service-minute (all 14 windows); SERVICE window alone %5d bytes%n",
                    requests, bytes, serviceOnly);
        }
    }

    private static long stored(SliKey key, SliAccumulator acc) {
        return acc.toBytes().length + key.toBytes().length + 8 + 4;
    }

    public static void main(String[] args) throws Exception {
        printStateSize();
        BenchRunner.run(SketchBenchmark.class);
    }
}
