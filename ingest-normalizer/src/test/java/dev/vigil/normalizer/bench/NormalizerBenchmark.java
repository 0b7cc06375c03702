package dev.vigil.normalizer.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.normalizer.Samples;
import dev.vigil.normalizer.normalize.NormalizeSettings;
import dev.vigil.normalizer.normalize.Normalized;
import dev.vigil.normalizer.normalize.RecordNormalizer;
import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.normalizer.normalize.PathologicalInputAccess;

/**
 * Parse + normalize (+ Avro encode of every event, as the topology writes it) per format, one
 * record per operation, single thread. Run: see docs/ingest-normalizer.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class NormalizerBenchmark {

    private final RecordNormalizer normalizer = new RecordNormalizer(NormalizeSettings.defaults());
    private final Serializer<RequestEvent> avro = VigilSerdes.embedded().serde(RequestEvent.class).serializer();
    private final List<SourceSpec> sources = SourceSpec.defaults();
    private SourceSpec nginx;
    private SourceSpec apache;
    private SourceSpec envoy;
    private SourceSpec alb;
    private SourceSpec otlp;
    private SourceSpec events;
    private byte[] nginxCombined;
    private byte[] nginxIngress;
    private byte[] apacheLine;
    private byte[] envoyText;
    private byte[] envoyJson;
    private byte[] albLine;
    private byte[] otlpProto;
    private byte[] otlpBatch;
    private byte[] canonical;

    /** A 1 MiB record made of one punctuation character (exactly at the size limit, so it is parsed). */
    @State(Scope.Benchmark)
    public static class Pathological {
        @Param({ "quotes", "brackets", "braces" })
        public String punctuation;
        byte[] value;

        @Setup(Level.Trial)
        public void setUp() {
            String unit = switch (punctuation) {
                case "quotes" -> "\"";
                case "brackets" -> "[";
                default -> "{";
            };
            value = unit.repeat(NormalizeSettings.ONE_MIB).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        nginx = source("nginx");
        apache = source("apache");
        envoy = source("envoy");
        alb = source("alb");
        otlp = source("otlp");
        events = source("events");
        Instant t = Instant.now().minusSeconds(5);
        nginxCombined = Samples.bytes(Samples.nginxCombined(t, "/carts/123?coupon=SPRING", 200));
        nginxIngress = Samples.bytes(Samples.nginxIngress(t, "5a1b2c3d4e5f60718293a4b5c6d7e8f9"));
        apacheLine = Samples.bytes(Samples.apacheCombinedMicros(t));
        envoyText = Samples.bytes(Samples.envoyDefault(t, "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2"));
        envoyJson = Samples.bytes(Samples.envoyIstioJson(t));
        albLine = Samples.bytes(Samples.alb(t, "1-58337281-1d84f3d73c47ec4e58577259"));
        otlpProto = Samples.otlp(t).toByteArray();
        otlpBatch = PathologicalInputAccess.serverSpans(t, 100).toByteArray();
        canonical = Samples.bytes(Samples.canonical(t, "r-1"));
    }

    private SourceSpec source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private void run(SourceSpec source, byte[] value, Blackhole bh) {
        for (Normalized n : normalizer.normalize(source, value, System.currentTimeMillis())) {
            if (n instanceof Normalized.Event e) {
                bh.consume(avro.serialize("request-events", e.event()));
            } else {
                bh.consume(n);
            }
        }
    }

    @Benchmark
    public void nginxCombined(Blackhole bh) {
        run(nginx, nginxCombined, bh);
    }

    @Benchmark
    public void nginxIngress(Blackhole bh) {
        run(nginx, nginxIngress, bh);
    }

    @Benchmark
    public void apacheCombined(Blackhole bh) {
        run(apache, apacheLine, bh);
    }

    @Benchmark
    public void envoyText(Blackhole bh) {
        run(envoy, envoyText, bh);
    }

    @Benchmark
    public void envoyIstioJson(Blackhole bh) {
        run(envoy, envoyJson, bh);
    }

    @Benchmark
    public void alb(Blackhole bh) {
        run(alb, albLine, bh);
    }

    /** 5 spans (3 server) per operation. */
    @Benchmark
    public void otlpProtoMixed(Blackhole bh) {
        run(otlp, otlpProto, bh);
    }

    /** 100 server spans per operation: spans/s = ops/s x 100. */
    @Benchmark
    public void otlpProto100ServerSpans(Blackhole bh) {
        run(otlp, otlpBatch, bh);
    }

    @Benchmark
    public void canonicalJson(Blackhole bh) {
        run(events, canonical, bh);
    }

    /** Time to reject a 1 MiB line of one punctuation character, per format (nginx, envoy, alb, canonical JSON). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void pathological1MiBNginx(Pathological p, Blackhole bh) {
        run(nginx, p.value, bh);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void pathological1MiBEnvoy(Pathological p, Blackhole bh) {
        run(envoy, p.value, bh);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void pathological1MiBAlb(Pathological p, Blackhole bh) {
        run(alb, p.value, bh);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void pathological1MiBCanonical(Pathological p, Blackhole bh) {
        run(events, p.value, bh);
    }

    /**
     * {@code main} runs the JMH benchmarks (optionally only those matching {@code args[0]}); {@code main cpu}
     * instead runs each workload on this thread and reports operations per second of this thread's
     * CPU time: a per-core figure that holds on a shared, overloaded machine where wall-clock
     * throughput mostly measures the scheduler.
     */
    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && args[0].equals("cpu")) {
            cpuTime(args.length > 1 ? Integer.parseInt(args[1]) : 5);
            return;
        }
        String include = args.length > 0 ? args[0] : NormalizerBenchmark.class.getSimpleName();
        new Runner(new OptionsBuilder().include(include).build()).run();
    }

    private static void cpuTime(int seconds) {
        NormalizerBenchmark b = new NormalizerBenchmark();
        b.setUp();
        Pathological quotes = new Pathological();
        quotes.punctuation = "quotes";
        quotes.setUp();
        Pathological brackets = new Pathological();
        brackets.punctuation = "brackets";
        brackets.setUp();
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        java.util.Map<String, Runnable> work = new java.util.LinkedHashMap<>();
        work.put("nginxCombined (lines)", () -> b.nginxCombined(bh));
        work.put("nginxIngress (lines)", () -> b.nginxIngress(bh));
        work.put("apacheCombined (lines)", () -> b.apacheCombined(bh));
        work.put("envoyText (lines)", () -> b.envoyText(bh));
        work.put("envoyIstioJson (lines)", () -> b.envoyIstioJson(bh));
        work.put("alb (lines)", () -> b.alb(bh));
        work.put("canonicalJson (records)", () -> b.canonicalJson(bh));
        work.put("otlpProtoMixed (records of 5 spans)", () -> b.otlpProtoMixed(bh));
        work.put("otlpProto100ServerSpans (records of 100 spans)", () -> b.otlpProto100ServerSpans(bh));
        work.put("pathological1MiB quotes, nginx (records)", () -> b.pathological1MiBNginx(quotes, bh));
        work.put("pathological1MiB brackets, nginx (records)", () -> b.pathological1MiBNginx(brackets, bh));
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (var e : work.entrySet()) {
            for (int round = 0; round < 2; round++) {
                long cpuStart = mx.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                long ops = 0;
                long budget = (round == 0 ? 1 : seconds) * 1_000_000_000L;
                while (mx.getCurrentThreadCpuTime() - cpuStart < budget) {
                    for (int i = 0; i < 100; i++) {
                        e.getValue().run();
                    }
                    ops += 100;
                }
                double cpuSeconds = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                if (round == 1) {
                    System.out.printf(java.util.Locale.ROOT, "%-50s %12.0f ops per CPU-second (%.3f ms CPU/op; %.1f s wall for %.1f s CPU)%n",
                            e.getKey(), ops / cpuSeconds, cpuSeconds * 1000 / ops, (System.nanoTime() - wallStart) / 1e9, cpuSeconds);
                }
            }
        }
    }
}
