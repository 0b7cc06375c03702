package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;

/** What a careful platform team requires of every Vigil pod, in every overlay. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodPolicyTest {

    private static final Pattern RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
    private static final long MIN_HEAP_BYTES = 192L << 20;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.vigil.k8s.TypedObjectsTest#overlays")
    void everyVigilAppIsDeployedOnceAsAStatefulSet(String overlay) {
        assertThat(AppDeployment.of(Manifests.of(overlay))).extracting(AppDeployment::app)
                .containsExactlyInAnyOrderElementsOf(Repo.APPS);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void probesResourcesAndSecurity(String overlay, String app) {
        AppDeployment d = AppDeployment.of(Manifests.of(overlay), app);
        Container c = d.container();
        List<String> problems = new ArrayList<>();

        ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElse(null);
        assertThat(http).as("%s: container port named http", d.name()).isNotNull();
        assertThat(BuiltApps.image(app).exposed()).as("the image exposes the container port").contains(http.getContainerPort());
        assertThat(d.env()).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(http.getContainerPort()));
        probe(problems, "startupProbe", c.getStartupProbe(), "/q/health/live");
        probe(problems, "livenessProbe", c.getLivenessProbe(), "/q/health/live");
        probe(problems, "readinessProbe", c.getReadinessProbe(), "/q/health/ready");

        // Requests and limits; memory request = limit (no overcommit of a JVM with off-heap state stores).
        for (String r : List.of("cpu", "memory")) {
            if (c.getResources() == null || c.getResources().getRequests() == null || c.getResources().getRequests().get(r) == null
                    || c.getResources().getLimits() == null || c.getResources().getLimits().get(r) == null) {
                problems.add("resources: requests and limits of " + r + " required");
            }
        }
        if (problems.isEmpty()) {
            Quantity memLimit = c.getResources().getLimits().get("memory");
            if (!memLimit.equals(c.getResources().getRequests().get("memory"))) {
                problems.add("memory request must equal the limit");
            }
            // The heap is a share of the limit (the JVM reads the cgroup limit): no fixed -Xmx to drift from it.
            String javaOpts = d.env().getOrDefault("JAVA_OPTS", "");
            Matcher m = RAM_PERCENTAGE.matcher(javaOpts);
            if (javaOpts.contains("-Xmx") || !m.find()) {
                problems.add("JAVA_OPTS must size the heap with -XX:MaxRAMPercentage (and no -Xmx): " + javaOpts);
            } else {
                double pct = Double.parseDouble(m.group(1));
                long heap = (long) (memLimit.getNumericalAmount().longValue() * pct / 100);
                if (pct < 25 || pct > 75) {
                    problems.add("MaxRAMPercentage " + pct + " leaves too little for the heap or for RocksDB");
                }
                if (heap < MIN_HEAP_BYTES) {
                    problems.add("heap " + (heap >> 20) + " MiB is below " + (MIN_HEAP_BYTES >> 20) + " MiB");
                }
            }
            assertThat(BuiltApps.image(app).entrypointReads("JAVA_OPTS")).as("the image passes JAVA_OPTS to the JVM").isTrue();
        }

        PodSpec pod = d.statefulSet().getSpec().getTemplate().getSpec();
        PodSecurityContext psc = pod.getSecurityContext();
        if (psc == null || !Boolean.TRUE.equals(psc.getRunAsNonRoot()) || psc.getSeccompProfile() == null
                || !"RuntimeDefault".equals(psc.getSeccompProfile().getType())) {
            problems.add("pod securityContext: runAsNonRoot and seccompProfile RuntimeDefault required");
        } else if (BuiltApps.image(app).user().isEmpty() || !String.valueOf(psc.getRunAsUser()).equals(BuiltApps.image(app).user().get())) {
            problems.add("pod runAsUser " + psc.getRunAsUser() + " differs from the image's USER " + BuiltApps.image(app).user());
        }
        SecurityContext sc = c.getSecurityContext();
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()) || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())
                || sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                || !sc.getCapabilities().getDrop().contains("ALL") || sc.getCapabilities().getAdd() != null && !sc.getCapabilities().getAdd().isEmpty()) {
            problems.add("container securityContext: no privilege escalation, read-only root, drop ALL capabilities");
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add("automountServiceAccountToken must be false (the app does not call the Kubernetes API)");
        }
        assertThat(problems).as("%s %s", overlay, d.name()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void writableStateAndTmpOnAReadOnlyRoot(String overlay, String app) {
        AppDeployment d = AppDeployment.of(Manifests.of(overlay), app);
        EffectiveConfig config = EffectiveConfig.of(d, BuiltApps.config(app), BuiltApps.image(app));
        String stateDir = config.get("vigil.state-dir").orElseThrow();
        String streamsStateDir = config.streamsSettings().get("state.dir");
        VolumeMount state = d.mountAt(stateDir).orElseThrow(() -> new AssertionError(d.name() + ": nothing mounted at " + stateDir));
        assertThat(streamsStateDir).as("Kafka Streams' state.dir is on the state volume").startsWith(stateDir);
        assertThat(d.statefulSet().getSpec().getVolumeClaimTemplates()).as("state is a volumeClaimTemplate")
                .anyMatch(t -> t.getMetadata().getName().equals(state.getName()));
        assertThat(Boolean.TRUE.equals(state.getReadOnly())).isFalse();
        VolumeMount tmp = d.mountAt("/tmp").orElseThrow(() -> new AssertionError(d.name() + ": /tmp not mounted"));
        Volume tmpVolume = d.volume(tmp.getName()).orElseThrow();
        assertThat(tmpVolume.getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
        // Everything else mounted is read-only (configuration, certificates).
        for (VolumeMount m : d.container().getVolumeMounts()) {
            if (m != state && m != tmp) {
                assertThat(m.getReadOnly()).as("%s mounted read-only", m.getMountPath()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void stableIdentityForInteractiveQueries(String overlay, String app) {
        Manifests m = Manifests.of(overlay);
        AppDeployment d = AppDeployment.of(m, app);
        StatefulSet sts = d.statefulSet();
        Map<String, String> podLabels = sts.getSpec().getTemplate().getMetadata().getLabels();
        Service headless = m.named(Service.class, sts.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).as("peers resolve restoring pods").isTrue();
        assertThat(podLabels).containsAllEntriesOf(headless.getSpec().getSelector());
        int port = d.container().getPorts().get(0).getContainerPort();
        assertThat(d.env().get("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER")).as("the pod's own DNS name")
                .isEqualTo(sts.getMetadata().getName() + "-0." + headless.getMetadata().getName() + "." + d.namespace()
                        + ".svc.cluster.local:" + port);
        List<Service> api = m.all(Service.class).stream().filter(s -> !"None".equals(s.getSpec().getClusterIP())
                && podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet())).toList();
        assertThat(api).as("a ClusterIP Service for the API").hasSize(1);
        assertThat(m.named(ServiceAccount.class, sts.getSpec().getTemplate().getSpec().getServiceAccountName())
                .getAutomountServiceAccountToken()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void availabilityAndShutdown(String overlay, String app) {
        Manifests m = Manifests.of(overlay);
        AppDeployment d = AppDeployment.of(m, app);
        StatefulSet sts = d.statefulSet();
        Map<String, String> podLabels = sts.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(sts.getSpec().getReplicas()).isEqualTo(overlay.equals("production") ? 3 : 1);

        List<PodDisruptionBudget> pdbs = m.all(PodDisruptionBudget.class).stream()
                .filter(p -> podLabels.entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet())).toList();
        assertThat(pdbs).as("one PodDisruptionBudget").hasSize(1);
        assertThat(pdbs.get(0).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

        List<TopologySpreadConstraint> spread = sts.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        assertThat(spread).as("spread over nodes").anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname")
                && podLabels.entrySet().containsAll(t.getLabelSelector().getMatchLabels().entrySet()));

        // Kafka Streams closes by committing, ending its transactions and closing its clients, each bounded by
        // the clients' blocking timeouts; Kubernetes must not kill the pod before that.
        EffectiveConfig config = EffectiveConfig.of(d, BuiltApps.config(app), BuiltApps.image(app));
        ClassLoader l = BuiltApps.config(app).loader();
        long maxBlock = setting(config, "producer.max.block.ms", "max.block.ms",
                KafkaConfigNames.defaultValue(l, "org.apache.kafka.clients.producer.ProducerConfig", "max.block.ms"));
        long apiTimeout = setting(config, "consumer.default.api.timeout.ms", "default.api.timeout.ms",
                KafkaConfigNames.defaultValue(l, "org.apache.kafka.clients.consumer.ConsumerConfig", "default.api.timeout.ms"));
        long closeBoundSeconds = Math.max(maxBlock, apiTimeout) / 1000;
        assertThat(sts.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("terminationGracePeriodSeconds vs Kafka Streams' close bound of %d s", closeBoundSeconds)
                .isGreaterThanOrEqualTo(closeBoundSeconds + 15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.vigil.k8s.TypedObjectsTest#overlays")
    void networkPoliciesAndMetricsCoverEveryApp(String overlay) {
        Manifests m = Manifests.of(overlay);
        PodMonitor monitor = m.named(PodMonitor.class, "vigil");
        for (AppDeployment d : AppDeployment.of(m)) {
            Map<String, String> podLabels = d.statefulSet().getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).as("PodMonitor selects %s", d.name())
                    .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
            assertThat(monitor.getSpec().getPodMetricsEndpoints()).anyMatch(e -> "/q/metrics".equals(e.getPath())
                    && d.container().getPorts().stream().anyMatch(p -> p.getName().equals(e.getPort())));

            List<NetworkPolicy> policies = m.all(NetworkPolicy.class).stream().filter(p -> podLabels.entrySet()
                    .containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet())).toList();
            assertThat(policies).as("a NetworkPolicy for %s", d.name()).hasSize(1);
            NetworkPolicy p = policies.get(0);
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).as("ingress only to the HTTP port")
                    .allMatch(r -> r.getPorts() != null && !r.getPorts().isEmpty());
            assertThat(p.getSpec().getEgress()).as("egress to the Kafka brokers")
                    .anyMatch(r -> r.getTo().stream().anyMatch(peer -> peer.getPodSelector() != null
                            && "vigil".equals(peer.getPodSelector().getMatchLabels().get("strimzi.io/cluster"))));
            assertThat(p.getSpec().getEgress()).as("egress to DNS").anyMatch(r -> r.getPorts().stream()
                    .anyMatch(port -> port.getPort().getIntVal() != null && port.getPort().getIntVal() == 53));
        }
    }

    private static long setting(EffectiveConfig config, String prefixed, String plain, Object fallback) {
        return Long.parseLong(config.streamsSettings().getOrDefault(prefixed,
                config.streamsSettings().getOrDefault(plain, String.valueOf(fallback))));
    }

    private static void probe(List<String> problems, String name, Probe p, String path) {
        if (p == null || p.getHttpGet() == null || !path.equals(p.getHttpGet().getPath())
                || !"http".equals(p.getHttpGet().getPort().getStrVal())) {
            problems.add(name + ": HTTP GET " + path + " on port http required");
        }
    }
}
