package dev.vigil.bench.jmh;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.datadoghq.sketch.ddsketch.DDSketch;

import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.avro.sketch.LatencySketches;

/**
 * Encode and decode of the two hot records with the project's serde (embedded mode: Avro
 * single-object encoding): RequestEvent (every request, twice: normalizer out, aggregator in) and
 * SliWindow with a sketch of 1,000 latencies (every published window update).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AvroBenchmark {

    private final VigilSerdes serdes = VigilSerdes.embedded();
    private final Serializer<RequestEvent> eventOut = serdes.serde(RequestEvent.class).serializer();
    private final Deserializer<RequestEvent> eventIn = serdes.serde(RequestEvent.class).deserializer();
    private final Serializer<SliWindow> windowOut = serdes.serde(SliWindow.class).serializer();
    private final Deserializer<SliWindow> windowIn = serdes.serde(SliWindow.class).deserializer();
    private RequestEvent event;
    private SliWindow window;
    private byte[] eventBytes;
    private byte[] windowBytes;

    @Setup(Level.Trial)
    public void setUp() {
        Instant t = Instant.parse("2026-03-01T10:00:07.123Z");
        event = RequestEvent.newBuilder().setTimestamp(t).setService("checkout").setEndpoint("GET /carts/{id}").setMethod("GET")
                .setRegion("eu-west-1").setStatusCode(200).setGrpcStatus(null).setOutcome(Outcome.OK).setLatencyMs(42.5)
                .setResponseBytes(1834L).setProtocol("HTTP/1.1").setRequestId("5a1b2c3d4e5f60718293a4b5c6d7e8f9")
                .setSourceFormat("nginx").setSourceTopic("raw.nginx").build();
        DDSketch sketch = LatencySketches.empty();
        for (int i = 0; i < 1000; i++) {
            sketch.accept(5 + (i * 7919 % 600));
        }
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        window = SliWindow.newBuilder().setService("checkout").setScope(SliScope.SERVICE).setEndpoint(null).setRegion(null)
                .setWindowStart(start).setWindowEnd(start.plusSeconds(60)).setTotal(1000).setAvailabilityErrors(3).setClientErrors(12)
                .setCountNoStatus(1).setLatencyCount(1000).setLatencyMinMs(5.0).setLatencyMaxMs(604.0).setLatencySumMs(304_500.0)
                .setLatencySketch(LatencySketches.encode(sketch)).setFinal$(false).setUpdatedAt(start.plusSeconds(30)).build();
        eventBytes = eventOut.serialize("request-events", event);
        windowBytes = windowOut.serialize("sli-1m", window);
        System.out.printf("# RequestEvent %d bytes, SliWindow (1,000-latency sketch) %d bytes%n", eventBytes.length, windowBytes.length);
    }

    @Benchmark
    public byte[] encodeRequestEvent() {
        return eventOut.serialize("request-events", event);
    }

    @Benchmark
    public RequestEvent decodeRequestEvent() {
        return eventIn.deserialize("request-events", eventBytes);
    }

    @Benchmark
    public byte[] encodeSliWindow() {
        window.getLatencySketch().rewind();
        return windowOut.serialize("sli-1m", window);
    }

    @Benchmark
    public SliWindow decodeSliWindow() {
        return windowIn.deserialize("sli-1m", windowBytes);
    }
}
