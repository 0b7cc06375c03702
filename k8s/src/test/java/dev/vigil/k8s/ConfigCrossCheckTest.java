package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The manifests set only configuration the apps read, with values Kafka Streams accepts; and the
 * check itself catches what it is there to catch (unknown, renamed, build-time, ignored keys).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigCrossCheckTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void everyKeyTheManifestsSetIsOneTheAppReads(String overlay, String app) {
        assertThat(violations(Manifests.of(overlay), app)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.vigil.k8s.BuiltApps#deployments")
    void theKafkaStreamsSettingsAreValidForKafkaStreams(String overlay, String app) {
        EffectiveConfig config = effective(Manifests.of(overlay), app);
        Map<String, String> settings = config.streamsSettings();
        assertThat(settings).containsKeys("application.id", "bootstrap.servers", "application.server", "state.dir");
        assertThat(KafkaConfigNames.validateStreamsConfig(BuiltApps.config(app).loader(), settings)).as("%s", settings).isNull();
    }

    @Test
    void productionKeepsAStandbyOfEveryStoreAndDevNone() {
        for (String app : Repo.APPS) {
            assertThat(effective(Manifests.of("production"), app).get("kafka-streams.num.standby.replicas"))
                    .as(app).contains("1");
            assertThat(effective(Manifests.of("dev"), app).get("kafka-streams.num.standby.replicas").orElse("0"))
                    .as(app).isEqualTo("0");
        }
    }

    // --- the check catches what it must -------------------------------------------------------

    @Test
    void anUnknownOrRenamedEnvVarIsCaught() {
        List<String> v = violations(mutate("production", "ingest-normalizer", c -> {
            env(c).addObject().put("name", "VIGIL_NO_SUCH_SETTING").put("value", "1");
            rename(c, "VIGIL_STATE_DIR", "VIGIL_STATE_DIRECTORY");
        }), "ingest-normalizer");
        assertThat(v).anyMatch(s -> s.contains("VIGIL_NO_SUCH_SETTING stands for no key that ingest-normalizer reads"))
                .anyMatch(s -> s.contains("VIGIL_STATE_DIRECTORY stands for no key"));
    }

    @Test
    void aKafkaStreamsEnvVarThatQuarkusWouldIgnoreIsCaught() {
        List<String> v = violations(mutate("production", "alerting",
                c -> env(c).addObject().put("name", "KAFKA_STREAMS_MAX_WARMUP_REPLICAS").put("value", "4")), "alerting");
        assertThat(v).anyMatch(s -> s.contains("KAFKA_STREAMS_MAX_WARMUP_REPLICAS") && s.contains("config/application.properties"));
    }

    @Test
    void aBuildTimeOrUnknownQuarkusKeyIsCaught() {
        List<String> v = violations(mutate("dev", "sli-aggregator", c -> {
            env(c).addObject().put("name", "QUARKUS_HTTP_ROOT_PATH").put("value", "/vigil");
            env(c).addObject().put("name", "QUARKUS_KAFKA_STREAMS_SASL_JAAS").put("value", "x");
        }), "sli-aggregator");
        assertThat(v).anyMatch(s -> s.contains("QUARKUS_HTTP_ROOT_PATH sets quarkus.http.root-path, which Quarkus fixes at build time"))
                .anyMatch(s -> s.contains("QUARKUS_KAFKA_STREAMS_SASL_JAAS stands for no configuration key"));
    }

    @Test
    void aMisspeltKafkaStreamsKeyInTheConfigFileIsCaught() {
        Manifests m = Manifests.of("production");
        List<ObjectNode> objects = copy(m);
        objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                && Kustomize.name(o).startsWith("vigil-sli-aggregator-config")).forEach(o -> ((ObjectNode) o.path("data"))
                        .put("application.properties", "kafka-streams.num.standby.replica=1\nvigil.aggregation.grase=2m\n"));
        List<String> v = violations(new Manifests("production", objects), "sli-aggregator");
        assertThat(v).anyMatch(s -> s.contains("kafka-streams.num.standby.replica is not a Kafka Streams or Kafka client setting"))
                .anyMatch(s -> s.contains("vigil.aggregation.grase is not a key that sli-aggregator reads"));
    }

    @Test
    void aConfigFileMountedWhereQuarkusDoesNotLookIsCaught() {
        List<String> v = violations(mutate("dev", "alerting", c -> {
            for (var mount : c.withArray("volumeMounts")) {
                if (mount.path("name").asText().equals("config")) {
                    ((ObjectNode) mount).put("mountPath", "/etc/vigil/config");
                }
            }
        }), "alerting");
        assertThat(v).anyMatch(s -> s.contains("mounted at /etc/vigil/config, but Quarkus reads /deployments/config/application.properties"));
    }

    @Test
    void aValueKafkaStreamsRejectsIsCaught() {
        EffectiveConfig config = new EffectiveConfig(BuiltApps.config("sli-aggregator"),
                Map.of("kafka-streams.num.standby.replicas", "many"), Map.of());
        assertThat(KafkaConfigNames.validateStreamsConfig(BuiltApps.config("sli-aggregator").loader(), config.streamsSettings()))
                .contains("num.standby.replicas");
    }

    /** A config mapping like the apps', read by the same code: maps, lists, renamed and defaulted members. */
    @ConfigMapping(prefix = "vigil")
    interface FixtureConfig {
        @WithName("state-dir")
        String stateDir();

        Map<String, Source> sources();

        interface Source {
            @WithDefault("raw.nginx")
            String topic();

            Optional<List<Rule>> rules();
        }

        interface Rule {
            String field();
        }
    }

    @Test
    void configMappingsAreReadAsSmallRyeConfigNamesThem() {
        AppConfig fixture = AppConfig.of("fixture", Map.of("kafka-streams.num.stream.threads", "1"),
                List.of(FixtureConfig.class.getName()), getClass().getClassLoader(), List.of());
        assertThat(fixture.forEnv("VIGIL_STATE_DIR")).extracting(AppConfig.Key::name).containsExactly("vigil.state-dir");
        assertThat(fixture.forEnv("VIGIL_SOURCES_NGINX_TOPIC")).extracting(AppConfig.Key::name).containsExactly("vigil.sources.*.topic");
        assertThat(fixture.forProperty("vigil.sources.edge.rules[2].field")).hasSize(1);
        assertThat(fixture.forEnv("VIGIL_STATEDIR")).isEmpty();
        assertThat(fixture.forProperty("vigil.sources.edge.rule[2].field")).isEmpty();
        assertThat(ConfigCheck.envProblem(fixture, "KAFKA_STREAMS_NUM_STREAM_THREADS")).isNull();
        assertThat(ConfigCheck.envProblem(fixture, "KAFKA_STREAMS_NUM_STANDBY_REPLICAS")).contains("declares");
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<String> violations(Manifests m, String app) {
        return ConfigCheck.violations(AppDeployment.of(m, app), BuiltApps.config(app), BuiltApps.image(app));
    }

    private EffectiveConfig effective(Manifests m, String app) {
        return EffectiveConfig.of(AppDeployment.of(m, app), BuiltApps.config(app), BuiltApps.image(app));
    }

    private static List<ObjectNode> copy(Manifests m) {
        List<ObjectNode> out = new ArrayList<>();
        m.objects().forEach(o -> out.add(o.deepCopy()));
        return out;
    }

    private static Manifests mutate(String overlay, String app, Consumer<ObjectNode> container) {
        List<ObjectNode> objects = copy(Manifests.of(overlay));
        objects.stream().filter(o -> o.path("kind").asText().equals("StatefulSet")
                && o.path("metadata").path("labels").path(AppDeployment.COMPONENT).asText().equals(app))
                .forEach(o -> o.path("spec").path("template").path("spec").path("containers").forEach(c -> {
                    if (c.path("name").asText().equals(app)) {
                        container.accept((ObjectNode) c);
                    }
                }));
        return new Manifests(overlay, objects);
    }

    private static ArrayNode env(ObjectNode container) {
        return container.withArray("env");
    }

    private static void rename(ObjectNode container, String from, String to) {
        env(container).forEach(e -> {
            if (e.path("name").asText().equals(from)) {
                ((ObjectNode) e).put("name", to);
            }
        });
    }
}
