package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import dev.vigil.e2e.support.Await;
import dev.vigil.e2e.support.Exactness;
import dev.vigil.e2e.support.GeneratorRun;
import dev.vigil.e2e.support.Pipeline;
import dev.vigil.e2e.support.VigilApp;
import dev.vigil.generator.truth.GroundTruthData;
import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.KafkaProcessCluster;
import dev.vigil.testkit.TempDirs;

/**
 * Scenario 3 of issue 7: a three-broker cluster (every topic with replication factor 3 and
 * min.insync.replicas 2, internal topics of the apps too); during the run the broker leading
 * {@code request-events-0} goes away and comes back. Every service-minute the aggregator answers is
 * still exactly the ground truth (counts exact, p50/p90/p99 within 1%).
 *
 * <p>Every broker and the KRaft controller is its own JVM (testkit {@link KafkaProcessCluster}). The victim is
 * killed with SIGKILL: no controlled shutdown, so the controller fences it only when its session
 * times out, its leaderships and the group and transaction coordinators it held move to the others,
 * and in-flight transactions on it are aborted or completed by the new coordinators. It is then
 * started again on its data, recovers its logs and catches up. The normalizer and the aggregator run
 * as processes; the alerting is left out (this scenario is about the SLI numbers, and the
 * single-broker run covers alerts).
 */
class BrokerLossE2EIT {

    private static final Duration READY = Duration.ofSeconds(120);

    @Test
    void aBrokerLostAndRestartedDuringTheRunChangesNoNumber() throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "e2e-brokers-");
        try (KafkaProcessCluster kafka = KafkaProcessCluster.start(3); Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), work);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Pipeline.createTopics(kafka.bootstrapServers(), 3);
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("raw.nginx", "request-events")).allTopicNames().get();
            topics.values().forEach(t -> t.partitions().forEach(p -> assertThat(p.replicas()).as("replicas of %s", t.name()).hasSize(3)));
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "request-events"))).all().get()
                    .values().iterator().next();
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");

            AppProcess normalizer = pipeline.start(VigilApp.NORMALIZER, "normalizer");
            AppProcess aggregator = pipeline.start(VigilApp.AGGREGATOR, "aggregator");
            Pipeline.awaitReady(READY, normalizer, aggregator);

            long requests = GeneratorRun.requestsProperty(150_000) / 2;
            try (GeneratorRun run = GeneratorRun.start(GeneratorRun.config(requests, Duration.ofMinutes(10), "none", 0, 0.001, 11),
                    kafka.bootstrapServers(), work.resolve("ground-truth.jsonl"), List.of())) {
                Await.until("30% of the traffic written", Duration.ofMinutes(3), () -> run.progress() >= 0.3);
                int victim = admin.describeTopics(List.of("request-events")).allTopicNames().get().get("request-events").partitions().get(0)
                        .leader().id();
                double lostAt = run.progress();
                kafka.killBroker(victim);
                Await.until("the cluster notices the lost broker", Duration.ofSeconds(60),
                        () -> isr(admin).stream().anyMatch(p -> p.isr().size() == 2));
                Await.until("70% of the traffic written", Duration.ofMinutes(3), () -> run.progress() >= 0.7 || run.isDone());
                double back = run.progress();
                kafka.startBroker(victim);
                System.out.printf("[e2e] broker %d killed at %.0f%% of the traffic, started again at %.0f%%%n", victim, lostAt * 100,
                        back * 100);
                assertThat(back).as("the run went on while the broker was away").isGreaterThan(lostAt);

                GroundTruthData truth = run.await(Duration.ofMinutes(3));
                Await.until("every partition has its three replicas in sync again", Duration.ofSeconds(90),
                        () -> isr(admin).stream().allMatch(p -> p.isr().size() == 3));
                Exactness.awaitCounted(aggregator, truth, Duration.ofMinutes(3));

                Exactness.Observed observed = Exactness.readRequestEvents(kafka.bootstrapServers(), truth);
                assertThat(observed.otherServices()).isEmpty();
                assertThat(Exactness.compareRequestEvents(observed, truth)).as("request-events vs the ground truth").isEmpty();
                Exactness.Result result = Exactness.compare(aggregator, truth, observed);
                System.out.println("[e2e] broker loss exactness: " + result.summary());
                assertThat(result.mismatches()).as("aggregator answers vs the ground truth").isEmpty();
                assertThat(Exactness.total(aggregator, truth)).isEqualTo(requests);
                assertThat(normalizer.isAlive() && aggregator.isAlive()).as("both apps rode out the broker loss").isTrue();
                // Retries are logged as one-line warnings, never with a stack trace.
                assertThat(normalizer.log() + aggregator.log()).doesNotContain("\tat ");
            }
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }

    /** Every partition of the contract's topics, with its in-sync replicas. */
    private static List<TopicPartitionInfo> isr(Admin admin) {
        try {
            Set<String> names = admin.listTopics().names().get().stream().filter(t -> !t.startsWith("__")).collect(Collectors.toSet());
            List<TopicPartitionInfo> all = new ArrayList<>();
            admin.describeTopics(names).allTopicNames().get().values().forEach(t -> all.addAll(t.partitions()));
            return all;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
