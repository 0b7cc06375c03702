package dev.vigil.tools.bench;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.Deserializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.avro.sketch.LatencySketches;
import dev.vigil.tools.json.AvroJson;

/**
 * What a tail spends per record besides Kafka: decode the embedded Avro value and print it as a
 * JSON line. Records per second for a RequestEvent and for an SliWindow (with its sketch as base64).
 * Run: see docs/local-stack.md (Benchmarks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TailBenchmark {

    private final AvroJson json = new AvroJson(true);
    private Deserializer<RequestEvent> events;
    private Deserializer<SliWindow> windows;
    private byte[] event;
    private byte[] window;

    @Setup(Level.Trial)
    public void setUp() {
        VigilSerdes serdes = VigilSerdes.embedded();
        events = serdes.serde(RequestEvent.class).deserializer();
        windows = serdes.serde(SliWindow.class).deserializer();
        java.time.Instant t = java.time.Instant.parse("2026-03-02T10:15:30.123Z");
        event = serdes.serde(RequestEvent.class).serializer().serialize("request-events", RequestEvent.newBuilder().setTimestamp(t)
                .setService("checkout").setEndpoint("GET /carts/{id}").setMethod("GET").setRegion("eu-west-1").setStatusCode(200)
                .setOutcome(dev.vigil.avro.Outcome.OK).setLatencyMs(12.5).setRequestId("0123456789abcdef").setSourceFormat("nginx")
                .setSourceTopic("raw.nginx").build());
        var sketch = LatencySketches.empty();
        for (int i = 1; i <= 2_000; i++) {
            sketch.accept(5 + (i % 400) * 1.7);
        }
        window = serdes.serde(SliWindow.class).serializer().serialize("sli-1m", SliWindow.newBuilder().setService("checkout")
                .setScope(dev.vigil.avro.SliScope.SERVICE).setWindowStart(t).setWindowEnd(t.plusSeconds(60)).setTotal(2_000)
                .setAvailabilityErrors(3).setClientErrors(20).setLatencyCount(2_000).setLatencySketch(LatencySketches.encode(sketch))
                .setUpdatedAt(t).build());
    }

    @Benchmark
    public String requestEvent() {
        return json.toJson(events.deserialize("request-events", event)).toString();
    }

    @Benchmark
    public String sliWindow() {
        return json.toJson(windows.deserialize("sli-1m", window)).toString();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(TailBenchmark.class.getName()).forks(1).warmupIterations(2).measurementIterations(3)
                .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1)).build()).run();
    }
}
