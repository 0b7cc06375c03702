package dev.vigil.aggregator.config;

import java.time.Duration;

import dev.vigil.aggregator.topology.AggregationSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code vigil.*} key the sli-aggregator reads (Kafka Streams' own keys pass through {@code kafka-streams.*}). */
@ConfigMapping(prefix = "vigil")
public interface AggregatorConfig {

    /** Kafka Streams state directory (RocksDB). */
    String stateDir();

    Serde serde();

    Topics topics();

    Aggregation aggregation();

    Query query();

    interface Serde {
        /** {@code embedded} or {@code registry}; read by the shared serdes producer. */
        @WithDefault("embedded")
        String mode();
    }

    interface Topics {
        @WithDefault("request-events")
        String requestEvents();

        @WithDefault("sli-1m")
        String sliWindows();

        @WithDefault("ingest-dlq")
        String deadLetters();
    }

    interface Aggregation {
        /** Event-time grace after a minute window ends; later events are counted as late, not aggregated. */
        @WithDefault("2m")
        Duration grace();

        /** Wall-clock interval between publications of changed windows (each at most once per interval). */
        @WithDefault("1s")
        Duration emitInterval();

        @WithDefault("2d")
        Duration minuteRetention();

        @WithDefault("35d")
        Duration hourRetention();

        /** Events stamped further ahead of the clock are dead-lettered with FUTURE_TIMESTAMP. */
        @WithDefault("15m")
        Duration maxFutureSkew();

        /** {@code rocksdb}, or {@code in-memory} for throwaway runs (a restart restores everything from the changelogs). */
        @WithDefault("rocksdb")
        AggregationSettings.StoreKind stores();
    }

    interface Query {
        /** Range of a series or breakdown when no {@code from} is given. */
        @WithDefault("1h")
        Duration defaultRange();

        /** Longest range any query may ask for. */
        @WithDefault("35d")
        Duration maxRange();

        /** Ranges up to this long are answered from minute windows (any whole-minute step); longer ones from hour rollups. */
        @WithDefault("6h")
        Duration minuteResolutionMaxRange();

        /** Most points a series may have. */
        @WithDefault("2000")
        int maxPoints();

        /** Window "now" means for {@code /api/v1/top} when no {@code window} is given. */
        @WithDefault("5m")
        Duration topWindow();

        @WithDefault("10")
        int topDefaultLimit();

        @WithDefault("1000")
        int maxLimit();
    }
}
