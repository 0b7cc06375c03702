package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;

/**
 * Kafka as the apps need it: a topic for every topic an app's configuration names, an ACL for each,
 * least privilege per the data flow of DESIGN.md, internal topics, group and transactions under the
 * application.id prefix, and client security that matches the listener.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAccessTest {

    /** DESIGN.md's data flow (default topic names): what each app reads (R) and writes (W). */
    static final Map<String, Map<String, String>> FLOW = Map.of(
            "ingest-normalizer", Map.of("raw.nginx", "R", "raw.apache", "R", "raw.envoy", "R", "raw.alb", "R", "raw.otlp", "R",
                    "raw.events", "R", "request-events", "W", "ingest-dlq", "W"),
            "sli-aggregator", Map.of("request-events", "R", "sli-1m", "W", "ingest-dlq", "W"),
            "alerting", Map.of("sli-1m", "R", "slo-definitions", "RW", "alerts", "W", "ingest-dlq", "W"));

    record Acl(String type, String name, boolean prefix, Set<String> operations) {

        static Acl of(AclRule rule) {
            Set<String> ops = rule.getOperations().stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
            if (rule.getResource() instanceof AclRuleTopicResource t) {
                return new Acl("topic", t.getName(), t.getPatternType() == AclResourcePatternType.PREFIX, ops);
            } else if (rule.getResource() instanceof AclRuleGroupResource g) {
                return new Acl("group", g.getName(), g.getPatternType() == AclResourcePatternType.PREFIX, ops);
            } else if (rule.getResource() instanceof AclRuleTransactionalIdResource x) {
                return new Acl("transactionalId", x.getName(), x.getPatternType() == AclResourcePatternType.PREFIX, ops);
            } else if (rule.getResource() instanceof AclRuleClusterResource) {
                return new Acl("cluster", "kafka-cluster", false, ops);
            }
            throw new AssertionError("unknown ACL resource " + rule.getResource());
        }

        boolean covers(String resourceType, String resource) {
            return type.equals(resourceType) && (prefix ? resource.startsWith(name) : name.equals(resource) || name.equals("*"));
        }

        boolean allows(String operation) {
            return operations.contains("ALL") || operations.contains(operation)
                    || operation.equals("DESCRIBE") && (operations.contains("READ") || operations.contains("WRITE"));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void everyTopicTheAppsConfigurationNamesHasAKafkaTopicAndAnAcl(String overlay, String app) {
        Manifests m = Manifests.of(overlay);
        EffectiveConfig config = effective(m, app);
        List<Acl> acls = acls(userOf(m, config));
        Set<String> topics = topicNames(m);
        List<String> problems = new ArrayList<>();
        for (String topic : config.topics()) {
            if (!topics.contains(topic)) {
                problems.add("no KafkaTopic for " + topic);
            }
            if (acls.stream().noneMatch(a -> a.covers("topic", topic) && (a.allows("READ") || a.allows("WRITE")))) {
                problems.add("no ACL lets " + app + " read or write " + topic);
            }
        }
        assertThat(config.topics()).as("%s names its topics in its configuration", app).isNotEmpty();
        assertThat(problems).as("%s %s (topics %s)", overlay, app, config.topics()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void leastPrivilegeAlongTheDataFlow(String overlay, String app) {
        assertThat(privilegeProblems(Manifests.of(overlay), app)).as("%s %s", overlay, app).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void clientSecurityMatchesTheListener(String overlay, String app) {
        Manifests m = Manifests.of(overlay);
        AppDeployment d = AppDeployment.of(m, app);
        EffectiveConfig config = effective(m, app);
        Kafka kafka = m.all(Kafka.class).get(0);
        String bootstrap = config.get("kafka.bootstrap.servers").orElseThrow();
        assertThat(config.streamsSettings()).containsEntry("bootstrap.servers", bootstrap);
        String host = kafka.getMetadata().getName() + "-kafka-bootstrap:";
        assertThat(bootstrap).startsWith(host);
        int port = Integer.parseInt(bootstrap.substring(host.length()));
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream().filter(l -> l.getPort() == port)
                .findFirst().orElseThrow(() -> new AssertionError("no listener on port " + port));
        Map<String, String> s = config.streamsSettings();
        assertThat(s.get("security.protocol")).isEqualTo(listener.isTls() ? "SASL_SSL" : "SASL_PLAINTEXT");
        assertThat(listener.getAuth().getType()).isEqualTo("scram-sha-512");
        assertThat(s.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(userOf(m, config).getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
        if (listener.isTls()) {
            // The truststore is Strimzi's cluster CA certificate, mounted from its Secret.
            String location = s.get("ssl.truststore.location");
            assertThat(s.get("ssl.truststore.type")).isEqualTo("PEM");
            var mount = d.container().getVolumeMounts().stream().filter(v -> location.startsWith(v.getMountPath() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + location));
            assertThat(d.volume(mount.getName()).orElseThrow().getSecret().getSecretName())
                    .isEqualTo(kafka.getMetadata().getName() + "-cluster-ca-cert");
        }
        // Strimzi's listener network policy must let the app in.
        Map<String, String> podLabels = d.statefulSet().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(listener.getNetworkPolicyPeers()).anyMatch(p -> p.getPodSelector() != null
                && podLabels.entrySet().containsAll(p.getPodSelector().getMatchLabels().entrySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.vigil.k8s.TypedObjectsTest#overlays")
    void theClusterAndItsTopicsAreSizedForTheOverlay(String overlay) {
        Manifests m = Manifests.of(overlay);
        boolean production = overlay.equals("production");
        Kafka kafka = m.all(Kafka.class).get(0);
        String cluster = kafka.getMetadata().getName();
        int brokers = 0;
        int controllers = 0;
        for (KafkaNodePool pool : m.all(KafkaNodePool.class)) {
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            brokers += pool.getSpec().getRoles().contains(ProcessRoles.BROKER) ? pool.getSpec().getReplicas() : 0;
            controllers += pool.getSpec().getRoles().contains(ProcessRoles.CONTROLLER) ? pool.getSpec().getReplicas() : 0;
        }
        assertThat(brokers).isEqualTo(production ? 3 : 1);
        assertThat(controllers).as("a KRaft quorum").isEqualTo(production ? 3 : 1);
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        int replicas = production ? 3 : 1;
        assertThat(config).containsEntry("auto.create.topics.enable", false)
                .containsEntry("offsets.topic.replication.factor", replicas)
                .containsEntry("transaction.state.log.replication.factor", replicas)
                .containsEntry("default.replication.factor", replicas)
                .containsEntry("min.insync.replicas", production ? 2 : 1);
        assertThat(kafka.getSpec().getKafka().getAuthorization().getType()).isEqualTo("simple");
        for (KafkaTopic t : m.all(KafkaTopic.class)) {
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(t.getSpec().getReplicas()).as(t.getMetadata().getName()).isEqualTo(replicas);
            assertThat(t.getSpec().getConfig()).as(t.getMetadata().getName())
                    .containsEntry("min.insync.replicas", production ? 2 : 1);
            assertThat(t.getSpec().getReplicas()).isLessThanOrEqualTo(brokers);
            assertThat(t.getSpec().getPartitions()).isPositive();
        }
        assertThat(m.named(KafkaTopic.class, "slo-definitions").getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
        for (KafkaUser u : m.all(KafkaUser.class)) {
            assertThat(u.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
        }
    }

    @Test
    void everyTopicInTheDataFlowExistsAndEveryKafkaTopicIsUsed() {
        Manifests m = Manifests.of("production");
        Set<String> flow = FLOW.values().stream().flatMap(f -> f.keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(topicNames(m)).containsExactlyInAnyOrderElementsOf(flow);
    }

    @Test
    void theAclCheckCatchesAMissingAndAWiderGrant() {
        Manifests m = Manifests.of("dev");
        var copy = m.objects().stream().map(o -> o.deepCopy()).toList();
        copy.stream().filter(o -> o.path("kind").asText().equals("KafkaUser") && Kustomize.name(o).equals("vigil-sli-aggregator"))
                .forEach(o -> {
                    var acls = (com.fasterxml.jackson.databind.node.ArrayNode) o.path("spec").path("authorization").path("acls");
                    acls.remove(1); // Write on sli-1m
                    acls.addObject().put("host", "*").putArray("operations").add("Read");
                    ((com.fasterxml.jackson.databind.node.ObjectNode) acls.get(acls.size() - 1)).putObject("resource")
                            .put("type", "topic").put("name", "alerts").put("patternType", "literal");
                });
        Manifests broken = new Manifests("dev", new ArrayList<>(copy));
        assertThat(privilegeProblems(broken, "sli-aggregator")).anyMatch(p -> p.equals("missing WRITE on sli-1m"))
                .anyMatch(p -> p.startsWith("ACL beyond the app's own topics and prefix: Acl[type=topic, name=alerts"));
    }

    private List<String> privilegeProblems(Manifests m, String app) {
        EffectiveConfig config = effective(m, app);
        String applicationId = config.get("quarkus.kafka-streams.application-id").orElseThrow();
        List<Acl> acls = acls(userOf(m, config));
        List<String> problems = new ArrayList<>();
        FLOW.get(app).forEach((topic, access) -> {
            for (String op : List.of("READ", "WRITE")) {
                boolean wanted = access.contains(op.substring(0, 1));
                boolean granted = acls.stream().anyMatch(a -> a.covers("topic", topic) && a.allows(op));
                if (wanted != granted) {
                    problems.add((wanted ? "missing " : "needless ") + op + " on " + topic);
                }
            }
        });
        // Kafka Streams creates its changelog and repartition topics, joins its group and (exactly-once)
        // opens transactions, all named after the application.id.
        requirePrefix(problems, acls, "topic", applicationId, "ALL");
        requirePrefix(problems, acls, "group", applicationId, "READ");
        if (config.streamsSettings().getOrDefault("processing.guarantee", "at_least_once").startsWith("exactly_once")) {
            requirePrefix(problems, acls, "transactionalId", applicationId, "WRITE");
        }
        for (Acl a : acls) {
            boolean internal = a.prefix() && a.name().equals(applicationId);
            boolean flowTopic = a.type().equals("topic") && !a.prefix() && FLOW.get(app).containsKey(a.name())
                    && !a.operations().contains("ALL");
            if (!internal && !flowTopic) {
                problems.add("ACL beyond the app's own topics and prefix: " + a);
            }
        }
        return problems;
    }

    private static void requirePrefix(List<String> problems, List<Acl> acls, String type, String applicationId, String op) {
        if (acls.stream().noneMatch(a -> a.prefix() && a.type().equals(type) && a.name().equals(applicationId) && a.allows(op))) {
            problems.add("missing " + op + " on " + type + "s prefixed " + applicationId);
        }
    }

    private EffectiveConfig effective(Manifests m, String app) {
        return EffectiveConfig.of(AppDeployment.of(m, app), BuiltApps.config(app), BuiltApps.image(app));
    }

    /** The KafkaUser whose Strimzi-made Secret holds the app's SASL login. */
    private static KafkaUser userOf(Manifests m, EffectiveConfig config) {
        String jaas = config.get("quarkus.kafka-streams.sasl.jaas-config").orElseThrow(() -> new AssertionError("no SASL login"));
        Matcher s = AppDeployment.SECRET_REF.matcher(jaas);
        assertThat(s.matches()).as("the SASL login comes from a Secret: %s", jaas).isTrue();
        assertThat(s.group(2)).isEqualTo("sasl.jaas.config");
        return m.named(KafkaUser.class, s.group(1));
    }

    private static List<Acl> acls(KafkaUser user) {
        return ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls().stream().map(Acl::of).toList();
    }

    private static Set<String> topicNames(Manifests m) {
        return m.all(KafkaTopic.class).stream()
                .map(t -> t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : t.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
