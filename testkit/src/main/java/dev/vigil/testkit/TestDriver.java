package dev.vigil.testkit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** A topology in a {@link TopologyTestDriver} with its own state dir; closing it deletes the dir. */
public record TestDriver(TopologyTestDriver driver, Path stateDir) implements AutoCloseable {

    /** With the driver's wall clock at {@code wallClock}, in a new temp state dir. */
    public static TestDriver start(Topology topology, String applicationId, Instant wallClock) {
        return start(topology, applicationId, wallClock, TempDirs.create("ttd-"));
    }

    /** In {@code stateDir}, which may hold an earlier driver's state. */
    public static TestDriver start(Topology topology, String applicationId, Instant wallClock, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        // Required by the config, never connected to.
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TestDriver(new TopologyTestDriver(topology, props, wallClock), stateDir);
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }
}
