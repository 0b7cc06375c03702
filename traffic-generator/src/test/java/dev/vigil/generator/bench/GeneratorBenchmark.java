package dev.vigil.generator.bench;

import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.vigil.generator.format.RawEncoder;
import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.GeneratedRequest;
import dev.vigil.generator.model.IncidentSchedule;
import dev.vigil.generator.model.RawFormat;
import dev.vigil.generator.model.ServiceProfile;
import dev.vigil.generator.model.ServiceTraffic;
import dev.vigil.generator.run.GeneratorConfig;
import dev.vigil.generator.run.RawRecord;
import dev.vigil.generator.run.RawSink;
import dev.vigil.generator.run.TrafficGenerator;

/**
 * How fast the generator makes traffic: encoding per raw format (requests/s), and a whole simulated
 * run (draw + encode + ground truth) of the default 12 services into a sink that discards.
 * Run: see docs/local-stack.md (Benchmarks).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeneratorBenchmark {

    private static final int BATCH = 1_000;
    private static final int RUN = 20_000;

    /** A thousand requests of one format, ready to encode. */
    @State(Scope.Benchmark)
    public static class Formats {
        @Param({"NGINX_TIMED", "INGRESS_NGINX", "APACHE", "ENVOY_TEXT", "ISTIO_JSON", "ALB", "ELB_CLASSIC", "OTLP_HTTP", "CANONICAL"})
        public String format;

        List<GeneratedRequest> requests;
        RawEncoder encoder;

        @Setup(Level.Trial)
        public void setUp() {
            RawFormat f = RawFormat.valueOf(format);
            ServiceProfile profile = Catalog.defaults().get(0).withFormat(f);
            ServiceTraffic traffic = new ServiceTraffic(profile, 10_000, 1);
            requests = new ArrayList<>();
            long t = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
            while (requests.size() < BATCH) {
                traffic.generate(t, t + 100, IncidentSchedule.none(), requests);
                t += 100;
            }
            requests = requests.subList(0, BATCH);
            encoder = RawEncoder.of(f, 1);
        }
    }

    /** Requests encoded per second in one format. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void encode(Formats s, Blackhole bh) {
        s.encoder.encode(s.requests, 0, bh::consume);
    }

    /** Requests per second of a whole simulated run (all formats mixed), ground truth included. */
    @Benchmark
    @OperationsPerInvocation(RUN)
    public long simulatedRun(Blackhole bh) {
        GeneratorConfig config = GeneratorConfig.simulated(Instant.parse("2026-03-02T10:00:00Z"), Duration.ofHours(1), 5_000, 1)
                .withCount((long) RUN);
        TrafficGenerator g = new TrafficGenerator(config);
        RawSink sink = new RawSink() {
            @Override
            public void send(RawRecord record) {
                bh.consume(record);
            }

            @Override
            public void flush() {
                // nothing kept
            }
        };
        return g.run(sink, g.groundTruth(Writer.nullWriter()), () -> false).requests();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(GeneratorBenchmark.class.getName())
                .forks(1).warmupIterations(2).measurementIterations(3)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .build()).run();
    }
}
