package dev.vigil.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import dev.vigil.testkit.LocalKafka;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/**
 * Three real brokers and one KRaft controller, each its own JVM on the project's Kafka jars
 * ({@code kafka-launcher/target/kafka-libs}), for the broker-loss scenario: replication factor 3 and
 * min.insync.replicas 2 for every topic (the contract's, the offsets and transaction logs, the apps'
 * internal topics), and a broker that can be killed with SIGKILL and started again on its data. The
 * controller runs apart so that losing a broker never costs the quorum.
 */
public final class BrokerCluster implements AutoCloseable {

    private static final int CONTROLLER_ID = 100;
    private static final Duration READY = Duration.ofSeconds(90);

    private final Path dir;
    private final Path libs;
    private final int controllerPort;
    private final Map<Integer, Integer> brokerPorts;
    private final Map<Integer, ManagedProcess> running = new TreeMap<>();
    private int starts;

    private BrokerCluster(Path dir, Path libs, int controllerPort, Map<Integer, Integer> brokerPorts) {
        this.dir = dir;
        this.libs = libs;
        this.controllerPort = controllerPort;
        this.brokerPorts = brokerPorts;
    }

    public static BrokerCluster start(int brokers) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "e2e-kafka-");
        Map<Integer, Integer> ports = new TreeMap<>();
        for (int id = 1; id <= brokers; id++) {
            ports.put(id, ManagedProcess.freePort());
        }
        BrokerCluster cluster = new BrokerCluster(dir, kafkaLibs(), ManagedProcess.freePort(), ports);
        try {
            cluster.format();
            cluster.launch(CONTROLLER_ID);
            ports.keySet().forEach(cluster::launch);
            cluster.awaitBrokers(brokers);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Path kafkaLibs() {
        Path libs = Path.of(System.getProperty(LocalKafka.ROOT_PROPERTY, "."), "kafka-launcher", "target", "kafka-libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("no Kafka jars at " + libs + "; build them with: mvn -pl kafka-launcher -am package -DskipTests");
        }
        return libs;
    }

    public String bootstrapServers() {
        return String.join(",", brokerPorts.values().stream().map(p -> "127.0.0.1:" + p).toList());
    }

    public Set<Integer> brokerIds() {
        return brokerPorts.keySet();
    }

    /** Kills one broker with SIGKILL: no controlled shutdown, its log segments recover on the next start. */
    public void killBroker(int id) {
        ManagedProcess broker = running.remove(id);
        if (broker == null) {
            throw new IllegalStateException("broker " + id + " is not running");
        }
        broker.kill();
    }

    /** Starts a killed broker again on its data; it rejoins, recovers and catches up. */
    public void startBroker(int id) {
        launch(id);
    }

    /** Writes each node's configuration and formats its storage with one cluster id, the nodes in parallel. */
    private void format() throws IOException, InterruptedException {
        String clusterId = Uuid.randomUuid().toString();
        writeLogConfig();
        List<Process> formats = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>(brokerPorts.keySet());
        nodes.add(CONTROLLER_ID);
        for (int node : nodes) {
            Path props = writeConfig(node);
            formats.add(new ProcessBuilder(java(List.of("-Xmx128m"), "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", props.toString()))
                    .redirectErrorStream(true).redirectOutput(nodeDir(node).resolve("format.log").toFile()).start());
        }
        for (int i = 0; i < formats.size(); i++) {
            Process format = formats.get(i);
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
            }
            if (format.exitValue() != 0) {
                throw new IllegalStateException("formatting node " + nodes.get(i) + " failed: "
                        + Files.readString(nodeDir(nodes.get(i)).resolve("format.log")));
            }
        }
    }

    private void launch(int node) {
        ManagedProcess process = ManagedProcess.start(name(node),
                java(List.of("-Xmx384m", "-Xms64m", "-XX:+UseSerialGC"), "kafka.Kafka", nodeDir(node).resolve("server.properties").toString()),
                nodeDir(node), nodeDir(node).resolve("kafka-" + (++starts) + ".log"));
        running.put(node, process);
    }

    private void awaitBrokers(int brokers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Await.until(brokers + " brokers registered", READY, () -> {
                running.forEach((node, process) -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name(node) + " exited; last output:\n" + process.tail(30));
                    }
                });
                try {
                    return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == brokers;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    private List<String> java(List<String> jvmOptions, String... mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-Djava.io.tmpdir=" + dir, "-cp", libs + "/*"));
        command.addAll(List.of(mainAndArgs));
        return command;
    }

    private Path writeConfig(int node) throws IOException {
        Path nodeDir = Files.createDirectories(nodeDir(node));
        // Topic defaults on every node: in KRaft the controller applies default.replication.factor and num.partitions.
        String common = "controller.quorum.voters=" + CONTROLLER_ID + "@127.0.0.1:" + controllerPort + "\n"
                + "controller.listener.names=CONTROLLER\n"
                + "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n"
                + "node.id=" + node + "\n"
                + "log.dirs=" + nodeDir.resolve("data") + "\n"
                + "offsets.topic.replication.factor=3\n"
                + "offsets.topic.num.partitions=5\n"
                + "transaction.state.log.replication.factor=3\n"
                + "transaction.state.log.min.isr=2\n"
                + "transaction.state.log.num.partitions=5\n"
                + "default.replication.factor=3\n"
                + "min.insync.replicas=2\n"
                + "num.partitions=3\n"
                + "group.initial.rebalance.delay.ms=0\n"
                + "auto.create.topics.enable=false\n";
        String role = node == CONTROLLER_ID
                ? "process.roles=controller\nlisteners=CONTROLLER://127.0.0.1:" + controllerPort + "\n"
                : "process.roles=broker\n"
                        + "listeners=PLAINTEXT://127.0.0.1:" + brokerPorts.get(node) + "\n"
                        + "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPorts.get(node) + "\n"
                        + "inter.broker.listener.name=PLAINTEXT\n";
        Path props = nodeDir.resolve("server.properties");
        Files.writeString(props, common + role);
        return props;
    }

    private void writeLogConfig() throws IOException {
        Files.writeString(dir.resolve("log4j2.properties"), """
                status=error
                appender.out.type=Console
                appender.out.name=out
                appender.out.layout.type=PatternLayout
                appender.out.layout.pattern=[%d] %p %m (%c)%n
                rootLogger.level=WARN
                rootLogger.appenderRef.out.ref=out
                """);
    }

    private Path nodeDir(int node) {
        return dir.resolve(name(node));
    }

    private static String name(int node) {
        return node == CONTROLLER_ID ? "controller" : "broker-" + node;
    }

    @Override
    public void close() {
        try {
            // Brokers first, while the controller can still take their controlled shutdown.
            new ArrayList<>(running.keySet()).stream().filter(n -> n != CONTROLLER_ID).forEach(n -> running.remove(n).close());
            ManagedProcess controller = running.remove(CONTROLLER_ID);
            if (controller != null) {
                controller.close();
            }
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }
}
