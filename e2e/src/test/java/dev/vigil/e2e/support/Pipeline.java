package dev.vigil.e2e.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.ManagedProcess;

/**
 * The apps of one end-to-end run against one cluster: topics as the local stack creates them, each
 * app with the same settings as in production except what makes a test fast (a crashed member is
 * noticed in seconds). Closing stops every instance by its pid, in reverse order.
 */
public final class Pipeline implements AutoCloseable {

    /** The bearer token the alerting instances are given (mutations need it). */
    public static final String TOKEN = "e2e-token";
    public static final List<String> RAW_TOPICS = List.of("raw.nginx", "raw.apache", "raw.envoy", "raw.alb", "raw.otlp", "raw.events");

    /**
     * The aggregator's grace period in these runs. The generator's simulated time runs {@link GeneratorRun#SPEEDUP} times
     * faster than the wall clock, so every event-time disorder is that many times longer than in production: a
     * normalizer killed and restarted catches up on its raw partitions unevenly, and the request-events it writes are
     * then out of order by up to its backlog: 3.5 to 9 minutes of event time were measured here (20 to 45 s of wall
     * clock on a loaded machine), beyond the 2-minute default. The grace scales with the speed-up (2m is only 10 s of
     * wall-clock disorder at this speed); the runs are 15 minutes long, so no event of a run can be late.
     */
    public static final String GRACE = "15m";

    /** The alerting's wall-clock evaluation interval in these runs (10 s by default). */
    public static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(5);

    private static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx320m");

    private final String bootstrapServers;
    private final Path workDir;
    private final List<AppProcess> nodes = new ArrayList<>();

    public Pipeline(String bootstrapServers, Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
    }

    /** Every topic of the contract, {@code partitions} each (broker-default replication); {@code slo-definitions} compacted. */
    public static void createTopics(String bootstrapServers, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : RAW_TOPICS) {
            topics.add(new NewTopic(t, Optional.of(partitions), Optional.empty()));
        }
        for (String t : List.of("request-events", "ingest-dlq", "sli-1m", "alerts")) {
            topics.add(new NewTopic(t, Optional.of(partitions), Optional.empty()));
        }
        topics.add(new NewTopic("slo-definitions", Optional.of(partitions), Optional.empty()).configs(Map.of("cleanup.policy", "compact")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the topics: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts an instance of {@code app} (single-instance mode). */
    public AppProcess start(VigilApp app, String name) {
        return start(app, name, false);
    }

    /**
     * Starts an instance; {@code scaledOut}: with its {@code application-server} (interactive queries
     * routed between instances) and one standby replica.
     */
    public AppProcess start(VigilApp app, String name, boolean scaledOut) {
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrapServers);
        // A member that was killed is noticed after the session timeout (45 s by default).
        props.put("kafka-streams.session.timeout.ms", "10000");
        props.put("kafka-streams.heartbeat.interval.ms", "2000");
        if (app == VigilApp.AGGREGATOR) {
            props.put("vigil.aggregation.grace", GRACE);
        }
        if (app == VigilApp.ALERTING) {
            props.put("vigil.api.token", TOKEN);
            props.put("vigil.evaluation.interval", EVALUATION_INTERVAL.toSeconds() + "s");
        }
        int port = ManagedProcess.freePort();
        props.put("quarkus.http.port", String.valueOf(port));
        props.put("vigil.state-dir", workDir.resolve(name + "-state").toString());
        if (scaledOut) {
            props.put("quarkus.kafka-streams.application-server", "127.0.0.1:" + port);
            props.put("kafka-streams.num.standby.replicas", "1");
        }
        // Five apps and the brokers share two cores here: a smaller heap than the default.
        AppProcess node = AppProcess.of(name, app.jar(), workDir, props, NODE_JVM_OPTIONS);
        nodes.add(node);
        return node.start();
    }

    public static void awaitReady(Duration timeout, AppProcess... apps) {
        for (AppProcess a : apps) {
            a.awaitReady(timeout);
        }
    }

    public List<AppProcess> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
