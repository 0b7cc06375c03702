package dev.vigil.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Real brokers and one KRaft controller, each its own JVM on the project's Kafka jars
 * ({@code kafka-launcher/target/kafka-libs}): a broker can be killed with SIGKILL and started again
 * on its data, and the controller runs apart so that losing a broker never costs the quorum. Topics
 * default to replication factor 3 (at most the broker count) and min.insync.replicas 2, the offsets
 * and transaction logs too.
 *
 * <p>With {@link #startScram}, clients must log in with SCRAM-SHA-512 (SASL_PLAINTEXT) and are
 * authorized by ACLs ({@code StandardAuthorizer}, nothing allowed without one): the way a Strimzi
 * cluster with {@code scram-sha-512} users and {@code simple} authorization treats clients, less TLS.
 */
public final class KafkaProcessCluster implements AutoCloseable {

    /** The super user of a SCRAM cluster (the test's own admin). */
    public static final String ADMIN = "admin";

    private static final int CONTROLLER_ID = 100;
    private static final Duration READY = Duration.ofSeconds(90);

    private final Path dir;
    private final Path libs;
    private final int controllerPort;
    private final Map<Integer, Integer> brokerPorts;
    private final Map<String, String> scramUsers;
    private final Map<Integer, ManagedProcess> running = new TreeMap<>();
    private int starts;

    private KafkaProcessCluster(Path dir, Path libs, int controllerPort, Map<Integer, Integer> brokerPorts, Map<String, String> scramUsers) {
        this.dir = dir;
        this.libs = libs;
        this.controllerPort = controllerPort;
        this.brokerPorts = brokerPorts;
        this.scramUsers = scramUsers;
    }

    /** {@code brokers} PLAINTEXT brokers; their data under a new folder in the temp dir, deleted on {@link #close()}. */
    public static KafkaProcessCluster start(int brokers) throws Exception {
        return start(brokers, Map.of());
    }

    /**
     * One broker that takes SCRAM-SHA-512 logins of {@code users} (name to password) and of
     * {@link #ADMIN} (a super user, see {@link #adminConfig()}), with ACL authorization.
     */
    public static KafkaProcessCluster startScram(Map<String, String> users) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(users);
        all.put(ADMIN, "admin-" + Uuid.randomUuid());
        return start(1, all);
    }

    private static KafkaProcessCluster start(int brokers, Map<String, String> scramUsers) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-processes-");
        Map<Integer, Integer> ports = new TreeMap<>();
        for (int id = 1; id <= brokers; id++) {
            ports.put(id, ManagedProcess.freePort());
        }
        KafkaProcessCluster cluster = new KafkaProcessCluster(dir, kafkaLibs(), ManagedProcess.freePort(), ports, Map.copyOf(scramUsers));
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

    /** Client settings that reach the brokers, as the super user on a SCRAM cluster. */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (!scramUsers.isEmpty()) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
            config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(ADMIN, scramUsers.get(ADMIN)));
        }
        return config;
    }

    /** Producers and consumers for this cluster, as the super user on a SCRAM cluster. */
    public KafkaClients clients() {
        return new KafkaClients(adminConfig());
    }

    /** The login as Strimzi writes it into a KafkaUser's Secret ({@code sasl.jaas.config}). */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
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
            List<String> args = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", writeConfig(node).toString()));
            if (node == CONTROLLER_ID) {
                // The credentials go into the metadata log, which the controller keeps.
                scramUsers.forEach((user, password) -> args.addAll(List.of("--add-scram",
                        "SCRAM-SHA-512=[name=" + user + ",password=" + password + "]")));
            }
            formats.add(new ProcessBuilder(java(List.of("-Xmx128m"), args)).redirectErrorStream(true)
                    .redirectOutput(nodeDir(node).resolve("format.log").toFile()).start());
        }
        for (int i = 0; i < formats.size(); i++) {
            Process format = formats.get(i);
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                format.waitFor(10, TimeUnit.SECONDS);
            }
            if (format.exitValue() != 0) {
                throw new IllegalStateException("formatting node " + nodes.get(i) + " failed: "
                        + Files.readString(nodeDir(nodes.get(i)).resolve("format.log")));
            }
        }
    }

    private void launch(int node) {
        ManagedProcess process = ManagedProcess.start(name(node),
                java(List.of("-Xmx384m", "-Xms64m", "-XX:+UseSerialGC"), List.of("kafka.Kafka", nodeDir(node).resolve("server.properties").toString())),
                nodeDir(node), nodeDir(node).resolve("kafka-" + (++starts) + ".log"));
        running.put(node, process);
    }

    private void awaitBrokers(int brokers) {
        try (Admin admin = Admin.create(adminConfig())) {
            long deadline = System.nanoTime() + READY.toNanos();
            while (true) {
                running.forEach((node, process) -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name(node) + " exited; last output:\n" + process.tail(30));
                    }
                });
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == brokers) {
                        return;
                    }
                } catch (Exception e) {
                    // not up yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(brokers + " brokers not registered within " + READY + "; logs under " + dir);
                }
                ManagedProcess.sleep(250);
            }
        }
    }

    private List<String> java(List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-Djava.io.tmpdir=" + dir, "-cp", libs + "/*"));
        command.addAll(mainAndArgs);
        return command;
    }

    private Path writeConfig(int node) throws IOException {
        Path nodeDir = Files.createDirectories(nodeDir(node));
        int replicas = Math.min(3, brokerPorts.size());
        int minIsr = Math.min(2, replicas);
        boolean scram = !scramUsers.isEmpty();
        String listener = scram ? "SASL_PLAINTEXT" : "PLAINTEXT";
        // Topic defaults on every node: in KRaft the controller applies default.replication.factor and num.partitions.
        StringBuilder config = new StringBuilder()
                .append("controller.quorum.voters=").append(CONTROLLER_ID).append("@127.0.0.1:").append(controllerPort).append('\n')
                .append("controller.listener.names=CONTROLLER\n")
                .append("listener.security.protocol.map=").append(listener).append(':').append(listener).append(",CONTROLLER:PLAINTEXT\n")
                .append("node.id=").append(node).append('\n')
                .append("log.dirs=").append(nodeDir.resolve("data")).append('\n')
                .append("offsets.topic.replication.factor=").append(replicas).append('\n')
                .append("offsets.topic.num.partitions=5\n")
                .append("transaction.state.log.replication.factor=").append(replicas).append('\n')
                .append("transaction.state.log.min.isr=").append(minIsr).append('\n')
                .append("transaction.state.log.num.partitions=5\n")
                .append("share.coordinator.state.topic.replication.factor=").append(replicas).append('\n')
                .append("share.coordinator.state.topic.min.isr=").append(minIsr).append('\n')
                .append("default.replication.factor=").append(replicas).append('\n')
                .append("min.insync.replicas=").append(minIsr).append('\n')
                .append("num.partitions=3\n")
                .append("group.initial.rebalance.delay.ms=0\n")
                .append("auto.create.topics.enable=false\n");
        if (scram) {
            // The controller listener stays PLAINTEXT on loopback; what arrives there is the brokers, as ANONYMOUS.
            config.append("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\n")
                    .append("allow.everyone.if.no.acl.found=false\n")
                    .append("super.users=User:").append(ADMIN).append(";User:ANONYMOUS\n")
                    .append("sasl.enabled.mechanisms=SCRAM-SHA-512\n")
                    .append("sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512\n")
                    .append("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=")
                    .append(jaasConfig(ADMIN, scramUsers.get(ADMIN))).append('\n');
        }
        if (node == CONTROLLER_ID) {
            config.append("process.roles=controller\nlisteners=CONTROLLER://127.0.0.1:").append(controllerPort).append('\n');
        } else {
            int port = brokerPorts.get(node);
            config.append("process.roles=broker\n")
                    .append("listeners=").append(listener).append("://127.0.0.1:").append(port).append('\n')
                    .append("advertised.listeners=").append(listener).append("://127.0.0.1:").append(port).append('\n')
                    .append("inter.broker.listener.name=").append(listener).append('\n');
        }
        Path props = nodeDir.resolve("server.properties");
        Files.writeString(props, config);
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
