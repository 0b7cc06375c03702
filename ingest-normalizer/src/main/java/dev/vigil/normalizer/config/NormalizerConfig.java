package dev.vigil.normalizer.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything the normalizer reads under {@code vigil.*}. The built-in sources (nginx, apache, envoy,
 * alb, otlp, events; see {@link dev.vigil.normalizer.normalize.SourceSpec#defaults()}) apply unless
 * {@code vigil.sources.<name>.*} overrides them field by field or adds new ones.
 */
@ConfigMapping(prefix = "vigil")
public interface NormalizerConfig {

    @WithName("state-dir")
    String stateDir();

    Topics topics();

    Serde serde();

    /** Overrides of built-in sources and new sources, by source name. */
    Map<String, Source> sources();

    Normalize normalize();

    Dedup dedup();

    interface Topics {
        @WithName("request-events")
        @WithDefault("request-events")
        String requestEvents();

        @WithName("dead-letters")
        @WithDefault("ingest-dlq")
        String deadLetters();
    }

    interface Serde {
        @WithDefault("embedded")
        String mode();
    }

    interface Source {
        Optional<String> topic();

        /** nginx | apache | envoy | alb | otlp_proto | otlp_json | canonical */
        Optional<String> format();

        /** The service when no rule matches and the record names none; {@code -} for none (such records are dead letters). */
        Optional<String> defaultService();

        @WithDefault("true")
        boolean enabled();

        /** When given, replaces the source's rules (ordered, first match wins). */
        Optional<List<Rule>> rules();
    }

    interface Rule {
        /** host | authority | upstream-cluster | target-group | ingress-service | load-balancer | service-name | path */
        String field();

        /** Java regex matched against the whole field value. */
        String regex();

        /** Service template over the regex groups ($1, ${name}). */
        String service();

        /** Optional region template over the regex groups. */
        Optional<String> region();
    }

    interface Normalize {
        @WithDefault("1048576")
        int maxRecordBytes();

        @WithDefault("200")
        int maxEndpointsPerService();

        @WithDefault("5m")
        Duration maxFuture();

        @WithDefault("24h")
        Duration maxAge();

        /** 4xx codes counted as availability errors instead of client errors, e.g. 429. */
        Optional<Set<Integer>> availabilityErrorStatuses();
    }

    interface Dedup {
        @WithDefault("10m")
        Duration window();
    }
}
