package dev.vigil.normalizer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.normalizer.parse.Format;
import dev.vigil.normalizer.topology.TopologySettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The {@code vigil.*} mapping and how overrides merge with the built-in sources, through SmallRye Config itself. */
class SettingsProducerTest {

    private static TopologySettings settings(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("vigil.state-dir", "/tmp/x");
        // Quarkus's own converter for "5m"-style durations, as in the running app.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(NormalizerConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500)).build();
        return SettingsProducer.from(config.getConfigMapping(NormalizerConfig.class));
    }

    @Test
    void defaultsAreTheContract() {
        TopologySettings s = settings(Map.of());
        // Patterns have no equals(): compare the printed form.
        assertThat(s.toString()).isEqualTo(TopologySettings.defaults().toString());
        assertThat(s.sources()).extracting(SourceSpec::topic).containsExactly("raw.nginx", "raw.apache", "raw.envoy", "raw.alb", "raw.otlp",
                "raw.events");
    }

    @Test
    void overridesMergeFieldByFieldAndNewSourcesAreAdded() {
        TopologySettings s = settings(Map.ofEntries(
                Map.entry("vigil.topics.request-events", "events-out"),
                Map.entry("vigil.sources.nginx.topic", "logs.nginx"),
                Map.entry("vigil.sources.envoy.default-service", "-"),
                Map.entry("vigil.sources.apache.enabled", "false"),
                Map.entry("vigil.sources.cdn.topic", "raw.cdn"),
                Map.entry("vigil.sources.cdn.format", "nginx"),
                Map.entry("vigil.sources.cdn.rules[0].field", "host"),
                Map.entry("vigil.sources.cdn.rules[0].regex", "([a-z]+)\\.cdn\\.example\\.net"),
                Map.entry("vigil.sources.cdn.rules[0].service", "$1"),
                Map.entry("vigil.sources.cdn.rules[1].field", "path"),
                Map.entry("vigil.sources.cdn.rules[1].regex", "/api/([a-z]+)/.*"),
                Map.entry("vigil.sources.cdn.rules[1].service", "api-$1"),
                Map.entry("vigil.sources.cdn.rules[1].region", "edge"),
                Map.entry("vigil.normalize.max-endpoints-per-service", "50"),
                Map.entry("vigil.normalize.max-age", "2h"),
                Map.entry("vigil.normalize.availability-error-statuses", "429,499"),
                Map.entry("vigil.dedup.window", "30s")));
        assertThat(s.requestEventsTopic()).isEqualTo("events-out");
        assertThat(s.sourceByName("apache")).isEmpty();
        SourceSpec nginx = s.sourceByName("nginx").orElseThrow();
        assertThat(nginx.topic()).isEqualTo("logs.nginx");
        assertThat(nginx.rules()).hasSize(1);
        assertThat(s.sourceByName("envoy").orElseThrow().defaultService()).isNull();
        SourceSpec cdn = s.sourceByName("cdn").orElseThrow();
        assertThat(cdn.format()).isEqualTo(Format.NGINX);
        assertThat(cdn.rules()).extracting(r -> r.field().id()).containsExactly("host", "path");
        assertThat(cdn.rules().get(1).region()).isEqualTo("edge");
        assertThat(s.normalize().maxEndpointsPerService()).isEqualTo(50);
        assertThat(s.normalize().maxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(s.normalize().availabilityErrorStatuses()).isEqualTo(Set.of(429, 499));
        assertThat(s.normalize().dedupWindow()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void mistakesStopTheAppWithAMessage() {
        assertThatThrownBy(() -> settings(Map.of("vigil.sources.nginx.format", "syslog"))).hasMessageContaining("unknown format 'syslog'");
        assertThatThrownBy(() -> settings(Map.of("vigil.sources.new.format", "nginx"))).hasMessageContaining("topic and .format are required");
        assertThatThrownBy(() -> settings(Map.of("vigil.sources.apache.topic", "raw.nginx"))).hasMessageContaining("same topic");
        assertThatThrownBy(() -> settings(Map.of("vigil.sources.nginx.rules[0].field", "host", "vigil.sources.nginx.rules[0].regex", "(",
                "vigil.sources.nginx.rules[0].service", "x"))).hasMessageContaining("invalid service rule regex");
    }
}
