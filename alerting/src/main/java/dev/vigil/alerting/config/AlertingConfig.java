package dev.vigil.alerting.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code vigil.*} key the alerting app reads, with its default. */
@ConfigMapping(prefix = "vigil")
public interface AlertingConfig {

    /** Where Kafka Streams keeps its RocksDB state. */
    @WithDefault("${java.io.tmpdir}/vigil/alerting")
    String stateDir();

    Serde serde();

    Topics topics();

    Slo slo();

    Api api();

    Evaluation evaluation();

    Alerts alerts();

    Alertmanager alertmanager();

    /**
     * The repository root, which the build passes to every test JVM; mapped only so that the
     * strict check of {@code vigil.*} keys (a misspelt key fails startup) accepts it.
     */
    Repo repo();

    interface Repo {
        Optional<String> root();
    }

    /** This service's URL as people reach it; alerts link to {@code <public-url>/api/v1/slos/<id>}. */
    @WithDefault("http://localhost:8082")
    String publicUrl();

    interface Serde {
        /** embedded (default) or registry. */
        @WithDefault("embedded")
        String mode();
    }

    interface Topics {
        @WithDefault("sli-1m")
        String sli();

        @WithDefault("slo-definitions")
        String sloDefinitions();

        @WithDefault("alerts")
        String alerts();

        @WithDefault("ingest-dlq")
        String deadLetters();
    }

    interface Slo {
        /** A directory of SLO files (*.yaml, *.yml) written to the definitions topic at startup. */
        Optional<String> dir();

        /** Delete SLOs that came from files of the directory but are no longer in any of them. */
        @WithDefault("true")
        boolean prune();
    }

    interface Api {
        /** Bearer token for mutations; unset means mutations are refused. */
        Optional<String> token();
    }

    interface Evaluation {
        /** Events the long window must hold before a burn-rate rule may fire (an SLO may override). */
        @WithDefault("100")
        long minEvents();

        /** SLONoData fires after this long without traffic (an SLO may override). */
        @WithDefault("10m")
        Duration noDataAfter();

        @WithDefault("ticket")
        String noDataSeverity();

        /** Wall-clock interval of the evaluation of SLOs whose data stopped. */
        @WithDefault("10s")
        Duration interval();

        /**
         * SLOs per stream task whose recent counts stay decoded in memory between SLI updates (about
         * 10 KB each; 0 turns the cache off and reads every count from the stores).
         */
        @WithDefault("2000")
        int seriesCache();
    }

    interface Alerts {
        /** How long resolved alerts stay in the history served by GET /api/v1/alerts. */
        @WithDefault("7d")
        Duration historyRetention();

        /** At most this many transitions kept per partition. */
        @WithDefault("10000")
        int historyLimit();
    }

    interface Alertmanager {
        /** Base URL of an Alertmanager (e.g. http://alertmanager:9093); unset turns the bridge off. */
        Optional<String> url();

        @WithDefault("30s")
        Duration resendInterval();

        @WithDefault("5s")
        Duration timeout();

        /** Resolved alerts are re-sent for this long, so that an Alertmanager that was down hears of them. */
        @WithDefault("15m")
        Duration resolvedResendFor();
    }
}
