package dev.vigil.aggregator.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import dev.vigil.aggregator.query.SliReader;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.TestDriver;

/** The aggregator's topology in a TopologyTestDriver, with its topics, stores and a counting observer. */
final class Harness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    final AggregationSettings settings;
    final TopologyTestDriver driver;
    final TestInputTopic<String, RequestEvent> events;
    final TestOutputTopic<String, SliWindow> windows;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    final Counting observer = new Counting();
    private final TestDriver testDriver;

    Harness(AggregationSettings settings) {
        // The clock reads T0 + 5 min so that events around T0 are not "from the future".
        this(settings, T0.plus(Duration.ofMinutes(5)));
    }

    /** With the wall clock (and the clock that judges future timestamps) at {@code now}. */
    Harness(AggregationSettings settings, Instant now) {
        this.settings = settings;
        VigilSerdes serdes = VigilSerdes.embedded();
        testDriver = TestDriver.start(SliTopology.build(settings, serdes, observer, Clock.fixed(now, ZoneOffset.UTC)),
                "sli-aggregator-test", now);
        driver = testDriver.driver();
        events = driver.createInputTopic(settings.requestEventsTopic(), new StringSerializer(), serdes.serde(RequestEvent.class).serializer());
        windows = driver.createOutputTopic(settings.sliWindowsTopic(), new StringDeserializer(), serdes.serde(SliWindow.class).deserializer());
        deadLetters = driver.createOutputTopic(settings.deadLetterTopic(), new StringDeserializer(),
                serdes.serde(DeadLetter.class).deserializer());
    }

    Harness() {
        this(AggregationSettings.defaults());
    }

    void send(RequestEvent event) {
        events.pipeInput(event.getService(), event, event.getTimestamp());
    }

    /** Lets one emit interval pass on the wall clock and returns what was published. */
    List<SliWindow> tick() {
        driver.advanceWallClockTime(settings.emitInterval());
        return windows.readValuesToList();
    }

    WindowStore<Bytes, byte[]> minutes() {
        return driver.getWindowStore(SliTopology.MINUTE_STORE);
    }

    WindowStore<Bytes, byte[]> hours() {
        return driver.getWindowStore(SliTopology.HOUR_STORE);
    }

    KeyValueStore<String, Long> services() {
        return driver.getKeyValueStore(SliTopology.SERVICES_STORE);
    }

    SliReader reader() {
        return new SliReader(minutes(), hours(), services());
    }

    @Override
    public void close() {
        testDriver.close();
    }

    static final class Counting implements AggregationObserver {
        final List<String> late = new ArrayList<>();
        final Map<DeadLetterReason, Integer> deadLetters = new EnumMap<>(DeadLetterReason.class);
        int updates;
        int finals;

        @Override
        public void lateEvent(String service, long lateByMs) {
            late.add(service);
        }

        @Override
        public void deadLettered(DeadLetterReason reason) {
            deadLetters.merge(reason, 1, Integer::sum);
        }

        @Override
        public void windowsEmitted(int u, int f) {
            updates += u;
            finals += f;
        }
    }
}
