package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import dev.vigil.testkit.KafkaClients;
import dev.vigil.testkit.KafkaProcessCluster;
import dev.vigil.testkit.ManagedProcess;

/**
 * The production overlay, run for real as far as one machine allows: a Kafka broker that, like the
 * Strimzi cluster, takes only SCRAM-SHA-512 logins and authorizes by ACLs gets every KafkaTopic (it
 * validates partitions and topic configs; with one broker, replicas and min.insync.replicas become
 * 1: KafkaAccessTest checks them per overlay), every KafkaUser's credentials and exactly its ACLs.
 * Each app's built jar starts the way its image starts it (the Dockerfile's entrypoint, working
 * directory laid out like /deployments with the rendered config/application.properties) with the
 * rendered environment and its KafkaUser's login, until Kafka Streams is RUNNING; then records go
 * through, so the ACLs are shown to be enough for reading, writing, dead letters and transactions.
 * What cannot exist here is replaced: the bootstrap address, ports, paths, the API token's value,
 * and TLS (the broker speaks SASL_PLAINTEXT; the TLS settings are checked against the Strimzi
 * listener by KafkaAccessTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedDeploymentIT {

    /** TLS settings (the test broker speaks SASL_PLAINTEXT) and in-cluster peers that do not exist here. */
    private static final List<String> NOT_HERE = List.of("QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_TYPE",
            "QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_LOCATION", "VIGIL_ALERTMANAGER_URL");

    private final Manifests production = Manifests.of("production");
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private KafkaProcessCluster kafka;
    private Path work;

    @BeforeAll
    void startKafkaWithTheOverlaysTopicsUsersAndAcls() throws Exception {
        work = Files.createDirectories(Repo.k8s().resolve("target/it-" + System.nanoTime()));
        for (KafkaUser user : production.all(KafkaUser.class)) {
            passwords.put(user.getMetadata().getName(), "pw-" + UUID.randomUUID());
        }
        kafka = KafkaProcessCluster.startScram(passwords);
        List<NewTopic> topics = new ArrayList<>();
        for (KafkaTopic t : production.all(KafkaTopic.class)) {
            Map<String, String> config = new LinkedHashMap<>();
            t.getSpec().getConfig().forEach((k, v) -> config.put(k, String.valueOf(v)));
            config.put("min.insync.replicas", "1");
            String name = Optional.ofNullable(t.getSpec().getTopicName()).orElse(t.getMetadata().getName());
            topics.add(new NewTopic(name, t.getSpec().getPartitions(), (short) 1).configs(config));
        }
        List<AclBinding> acls = new ArrayList<>();
        for (KafkaUser user : production.all(KafkaUser.class)) {
            for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
                KafkaAccessTest.Acl acl = KafkaAccessTest.Acl.of(rule);
                ResourcePattern resource = new ResourcePattern(ResourceType.fromString(acl.type().equals("transactionalId")
                        ? "TRANSACTIONAL_ID" : acl.type()), acl.name(), acl.prefix() ? PatternType.PREFIXED : PatternType.LITERAL);
                for (String op : acl.operations()) {
                    acls.add(new AclBinding(resource, new AccessControlEntry("User:" + user.getMetadata().getName(),
                            Optional.ofNullable(rule.getHost()).orElse("*"), AclOperation.fromString(op), AclPermissionType.ALLOW)));
                }
            }
        }
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            admin.createTopics(topics).all().get();
            admin.createAcls(acls).all().get();
        }
    }

    @AfterAll
    void stopEverything() {
        processes.forEach(ManagedProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyAppStartsWithItsRenderedConfigurationAndRuns() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, ManagedProcess> started = new LinkedHashMap<>();
        for (String app : Repo.APPS) {
            int port = ManagedProcess.freePort();
            ports.put(app, port);
            ManagedProcess p = start(app, port);
            processes.add(p);
            started.put(app, p);
        }
        for (String app : Repo.APPS) {
            ManagedProcess p = started.get(app);
            p.awaitHttpOk("http://127.0.0.1:" + ports.get(app) + "/q/health/ready", Duration.ofSeconds(240));
            String log = Files.readString(p.log());
            // config/application.properties was read: production runs two stream threads per pod.
            assertThat(log).as("%s log", app).contains("Started 2 stream threads");
        }
        // Records through the apps under their own logins and ACLs: a request and a malformed line in,
        // the request out of the normalizer (transactional write), its minute out of the aggregator,
        // the malformed line into the dead-letter topic.
        String now = Instant.now().toString();
        KafkaClients clients = kafka.clients();
        clients.produceRaw("raw.events", List.of(("{\"timestamp\": \"" + now + "\", \"service\": \"checkout\", "
                + "\"endpoint\": \"GET /carts/{id}\", \"statusCode\": 200, \"grpcStatus\": null, \"latencyMs\": 12.5, "
                + "\"region\": \"eu-west-1\", \"requestId\": \"k8s-it-1\"}").getBytes(StandardCharsets.UTF_8),
                "not json".getBytes(StandardCharsets.UTF_8)));
        for (String topic : List.of("request-events", "ingest-dlq", "sli-1m")) {
            assertThat(clients.consumeRaw(topic, 1, Duration.ofMinutes(2))).as(topic).isNotEmpty();
        }
        for (String app : Repo.APPS) {
            assertThat(Files.readString(started.get(app).log())).as("%s log", app).doesNotContain("ERROR")
                    .doesNotContain("AuthorizationException");
        }
    }

    /** Lays out a working directory like the image's /deployments and runs the Dockerfile's entrypoint in it. */
    private ManagedProcess start(String app, int port) throws IOException {
        AppDeployment d = AppDeployment.of(production, app);
        Dockerfile image = Dockerfile.read(Repo.root().resolve(app));
        String workDir = image.workDir().orElseThrow();
        Path deployments = Files.createDirectories(work.resolve(app + "/deployments"));
        Path built = Repo.root().resolve(app).resolve("target/quarkus-app");
        try (var entries = Files.list(built)) {
            for (Path p : entries.toList()) {
                Files.createSymbolicLink(deployments.resolve(p.getFileName().toString()), p);
            }
        }
        Path tmp = Files.createDirectories(work.resolve(app + "/tmp"));
        Path state = Files.createDirectories(work.resolve(app + "/state"));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", Path.of(ManagedProcess.javaBinary()).getParent() + ":/usr/bin:/bin");
        env.put("HOME", tmp.toString());
        for (String e : image.env()) { // the image's own ENV (JAVA_OPTS default, locale)
            for (String kv : e.split(" (?=[A-Z_]+=)")) {
                String[] p = kv.split("=", 2);
                env.put(p[0], p[1].replaceAll("^[\"']|[\"']$", ""));
            }
        }
        env.putAll(d.env());
        NOT_HERE.forEach(env::remove);
        env.put("QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER", "127.0.0.1:" + port);
        // Paths and Secret values of the pod, made here: every mounted ConfigMap is written out, and
        // env values pointing into a mount point to the copy.
        for (Map.Entry<String, ConfigMap> m : d.mountedConfigMaps().entrySet()) {
            Path target = m.getKey().equals(workDir + "/config") ? deployments.resolve("config")
                    : work.resolve(app + "/mounts" + m.getKey());
            Files.createDirectories(target);
            for (Map.Entry<String, String> f : m.getValue().getData().entrySet()) {
                Files.writeString(target.resolve(f.getKey()), f.getValue());
            }
            env.replaceAll((k, v) -> v.equals(m.getKey()) ? target.toString() : v);
        }
        env.replaceAll((k, v) -> v.equals(env.get("VIGIL_STATE_DIR")) ? state.toString() : v);
        // Secret values: a KafkaUser's login as Strimzi writes it into the user's Secret; any other value made up.
        env.replaceAll((k, v) -> {
            Matcher secret = AppDeployment.SECRET_REF.matcher(v);
            if (!secret.matches()) {
                return v;
            }
            String user = secret.group(1);
            return secret.group(2).equals("sasl.jaas.config") && passwords.containsKey(user)
                    ? KafkaProcessCluster.jaasConfig(user, passwords.get(user)) : "secret-value-for-" + k.toLowerCase();
        });
        // The pod's /tmp, and the Kafka Streams logger at INFO so that the thread count shows.
        env.put("JAVA_OPTS", env.getOrDefault("JAVA_OPTS", "") + " -Xmx384m -Djava.io.tmpdir=" + tmp
                + " -Dquarkus.log.category.\"org.apache.kafka.streams.KafkaStreams\".level=INFO");

        String entrypoint = image.entrypoint().replace("[", "").replace("]", "");
        List<String> argv = new ArrayList<>();
        for (String part : entrypoint.split("\",\\s*\"")) {
            argv.add(part.replace("\"", "").replace(workDir + "/", deployments + "/"));
        }
        List<String> command = new ArrayList<>(List.of("env", "-i"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(argv);
        return ManagedProcess.start(app, command, deployments, work.resolve(app + ".log"));
    }
}
