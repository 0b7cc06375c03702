package dev.vigil.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import dev.vigil.testkit.TempDirs;

/**
 * Three real brokers and one KRaft controller in this JVM ({@code KafkaClusterTestKit}), for the
 * broker-loss scenario: replication factor 3 and min.insync.replicas 2 for every topic (the
 * contract's, the offsets and transaction logs, the apps' internal topics), and a way to stop one
 * broker and start it again. The test kit's {@code KafkaTestCluster.start(3)} uses three combined
 * broker+controller nodes; on this machine their dynamic-quorum start raced ("Received unexpected
 * invalid request error" in UpdateVoter, a fatal fault that stops two raft threads), and a broker
 * scenario does not need three controllers, so the controller runs apart here.
 */
public final class BrokerCluster implements AutoCloseable {

    private final KafkaClusterTestKit kit;
    private final Path dir;

    private BrokerCluster(KafkaClusterTestKit kit, Path dir) {
        this.kit = kit;
        this.dir = dir;
    }

    public static BrokerCluster start(int brokers) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "e2e-kafka-");
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(brokers).setNumControllerNodes(1)
                .setBaseDirectory(dir).build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("transaction.state.log.num.partitions", "5")
                .setConfigProp("default.replication.factor", "3")
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            TempDirs.deleteQuietly(dir);
            throw e;
        }
        return new BrokerCluster(kit, dir);
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    public Set<Integer> brokerIds() {
        return kit.brokers().keySet();
    }

    /** Stops one broker (its replicas drop out of the ISRs, its leaderships and coordinators move). */
    public void stopBroker(int id) {
        kit.brokers().get(id).shutdown();
        kit.brokers().get(id).awaitShutdown();
    }

    /** Starts a stopped broker again on its data; it rejoins and catches up. */
    public void startBroker(int id) {
        kit.brokers().get(id).startup();
    }

    @Override
    public void close() throws Exception {
        try {
            kit.close();
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }
}
