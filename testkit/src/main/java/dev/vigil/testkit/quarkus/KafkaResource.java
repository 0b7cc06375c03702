package dev.vigil.testkit.quarkus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.TempDirs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real in-process Kafka cluster: starts it, creates the topics named
 * in the init arg {@code topics} (comma-separated; {@code partitions}, default 2), and points
 * {@code kafka.bootstrap.servers} and the app's state dir at it.
 *
 * <pre>{@code @QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "topics", value = "a,b"))}</pre>
 *
 * The running cluster is injected into fields of type {@link KafkaTestCluster} annotated with
 * {@link InjectKafka}.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private KafkaTestCluster kafka;
    private String[] topics = new String[0];
    private int partitions = 2;
    private Path stateDir;

    @Override
    public void init(Map<String, String> initArgs) {
        String t = initArgs.getOrDefault("topics", "");
        topics = Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
        partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "2"));
    }

    @Override
    public Map<String, String> start() {
        kafka = KafkaTestCluster.start();
        if (topics.length > 0) {
            kafka.createTopics(partitions, topics);
        }
        try {
            stateDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "quarkus-state-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("vigil.state-dir", stateDir.toString());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(kafka, new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, KafkaTestCluster.class));
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        TempDirs.deleteQuietly(stateDir);
    }
}
