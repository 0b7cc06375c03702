package dev.vigil.alerting.topology;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import com.datadoghq.sketch.ddsketch.DDSketch;

import dev.vigil.alerting.codec.SloDefinitions;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.avro.Alert;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.SloDefinition;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.avro.sketch.LatencySketches;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.TestDriver;

/** The alerting topology in a TopologyTestDriver, with helpers to feed SLI windows and definitions. */
final class Fixture implements AutoCloseable {

    static final VigilSerdes SERDES = VigilSerdes.embedded();

    final AlertingSettings settings;
    final SloCatalog catalog = new SloCatalog();
    final TopologyTestDriver driver;
    final TestInputTopic<String, SliWindow> sli;
    final TestInputTopic<String, SloDefinition> definitions;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    private final TestDriver testDriver;

    Fixture(AlertingSettings settings, Instant wallClock) {
        this(settings, wallClock, newStateDir());
    }

    Fixture(AlertingSettings settings, Instant wallClock, Path stateDir) {
        this.settings = settings;
        testDriver = TestDriver.start(AlertingTopology.build(settings, SERDES, catalog, AlertingMetrics.NONE), "alerting-test", wallClock,
                stateDir);
        driver = testDriver.driver();
        sli = driver.createInputTopic(settings.sliTopic(), Serdes.String().serializer(), SERDES.serde(SliWindow.class).serializer());
        definitions = driver.createInputTopic(settings.definitionsTopic(), Serdes.String().serializer(),
                SERDES.serde(SloDefinition.class).serializer());
        alerts = driver.createOutputTopic(settings.alertsTopic(), Serdes.String().deserializer(), SERDES.serde(Alert.class).deserializer());
        deadLetters = driver.createOutputTopic(settings.deadLetterTopic(), Serdes.String().deserializer(),
                SERDES.serde(DeadLetter.class).deserializer());
    }

    static Path newStateDir() {
        return TempDirs.create("ttd-");
    }

    void define(Slo slo) {
        definitions.pipeInput(slo.id(), SloDefinitions.toAvro(slo));
    }

    void delete(String id) {
        definitions.pipeInput(id, null);
    }

    /** A SERVICE-scope snapshot of the minute starting at {@code minuteStart}, stamped {@code at}. */
    void service(String service, Instant minuteStart, long total, long errors, Instant at) {
        sli.pipeInput(new TestRecord<>(service, window(service, SliScope.SERVICE, null, minuteStart, total, errors, List.of()), at));
    }

    void endpoint(String service, String endpoint, Instant minuteStart, long total, long errors, Instant at) {
        sli.pipeInput(new TestRecord<>(service, window(service, SliScope.ENDPOINT, endpoint, minuteStart, total, errors, List.of()), at));
    }

    void pipe(SliWindow w, Instant at) {
        sli.pipeInput(new TestRecord<>(w.getService(), w, at));
    }

    static SliWindow window(String service, SliScope scope, String endpoint, Instant minuteStart, long total, long errors,
            List<Double> latencies) {
        DDSketch sketch = LatencySketches.empty();
        latencies.forEach(sketch::accept);
        return SliWindow.newBuilder()
                .setService(service).setScope(scope).setEndpoint(endpoint)
                .setWindowStart(minuteStart).setWindowEnd(minuteStart.plus(Duration.ofMinutes(1)))
                .setTotal(total).setAvailabilityErrors(errors).setClientErrors(0)
                .setLatencyCount(latencies.size())
                .setLatencySketch(latencies.isEmpty() ? ByteBuffer.allocate(0) : LatencySketches.encode(sketch))
                .setUpdatedAt(minuteStart)
                .build();
    }

    List<Alert> drain() {
        return alerts.readValuesToList();
    }

    @Override
    public void close() {
        testDriver.close();
    }

    void closeKeepingState() {
        driver.close();
    }
}
