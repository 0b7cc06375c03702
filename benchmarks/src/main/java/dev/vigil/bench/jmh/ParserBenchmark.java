package dev.vigil.bench.jmh;

import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

import dev.vigil.generator.run.RawRecord;
import dev.vigil.normalizer.normalize.NormalizeSettings;
import dev.vigil.normalizer.normalize.Normalized;
import dev.vigil.normalizer.normalize.RecordNormalizer;
import dev.vigil.normalizer.normalize.SourceSpec;

/**
 * Parse + normalize one raw record per operation (no Avro encoding: see {@link AvroBenchmark}), per
 * raw format, on records the traffic generator writes (varied services, paths, statuses). OTLP
 * records carry several spans: events per second = ops/s x the events per record printed at setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {

    @Param({"nginx-combined", "nginx-timed", "ingress-nginx", "apache", "envoy", "istio-json", "alb", "elb", "otlp-http",
        "otlp-grpc", Inputs.OTLP_JSON, "canonical"})
    public String format;

    private final RecordNormalizer normalizer = new RecordNormalizer(NormalizeSettings.defaults());
    private SourceSpec source;
    private byte[][] values;
    private long now;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<RawRecord> records = Inputs.records(format, 512);
        String topic = records.get(0).topic();
        source = SourceSpec.defaults().stream().filter(s -> s.topic().equals(topic)).findFirst().orElseThrow();
        values = records.stream().map(RawRecord::value).toArray(byte[][]::new);
        now = records.get(records.size() - 1).timestampMillis() + 1_000;
        long events = 0;
        for (byte[] v : values) {
            for (Normalized n : normalizer.normalize(source, v, now)) {
                if (n instanceof Normalized.Rejected r) {
                    throw new IllegalStateException(format + ": a generated record was rejected: " + r.reason() + " " + r.message());
                }
                events += n instanceof Normalized.Event ? 1 : 0;
            }
        }
        System.out.printf("# %s: %d records, %.2f events per record, %.0f bytes per record%n", format, values.length,
                (double) events / values.length, java.util.Arrays.stream(values).mapToInt(v -> v.length).average().orElse(0));
    }

    @Benchmark
    public void normalize(Blackhole bh) {
        byte[] v = values[next];
        next = (next + 1) % values.length;
        for (Normalized n : normalizer.normalize(source, v, now)) {
            bh.consume(n);
        }
    }
}
