package dev.vigil.aggregator.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.aggregator.config.AggregatorConfig;
import dev.vigil.aggregator.topology.SliTopology;
import dev.vigil.app.api.ProblemException;
import dev.vigil.app.query.InstanceRouter;
import dev.vigil.avro.SliScope;

/**
 * Any instance answers any question. Questions about one service go to the instance that owns the
 * service's partition (proxied, not redirected); when that instance cannot be reached and this
 * one keeps a standby of it, the standby answers, marked stale with its lag. Questions about all
 * services ask every instance for its own part and merge. While stores move or restore: 503 with
 * Retry-After.
 */
@ApplicationScoped
public class SliQueryService {

    private static final Serializer<String> KEYS = new StringSerializer();
    private static final TypeReference<List<ServiceSummary>> SUMMARIES = new TypeReference<>() {
    };
    private static final int MAX_SERVICE_LENGTH = 256;

    private final InstanceRouter router;
    private final QueryPlanner planner;
    private final ObjectMapper json;

    public SliQueryService(InstanceRouter router, AggregatorConfig config, ObjectMapper json) {
        this.router = router;
        this.planner = new QueryPlanner(limits(config));
        this.json = json;
    }

    static QueryLimits limits(AggregatorConfig config) {
        AggregatorConfig.Query q = config.query();
        return new QueryLimits(q.defaultRange(), q.maxRange(), q.minuteResolutionMaxRange(), q.maxPoints(),
                config.aggregation().minuteRetention(), q.topWindow(), q.topDefaultLimit(), q.maxLimit());
    }

    /** Where and how a request arrived: its path and query (to forward it as is) and whether it was forwarded already. */
    public record Request(String pathAndQuery, boolean forwarded) {
    }

    public Answer series(String service, String from, String to, String step, Request request) {
        requireServiceName(service);
        SeriesPlan plan = planner.series(from, to, step, Instant.now());
        return routed(service, request, reader -> {
            requireKnown(reader, service);
            return reader.series(service, plan);
        });
    }

    public Answer breakdown(String service, SliScope scope, String from, String to, Request request) {
        requireServiceName(service);
        TimeRange range = planner.range(from, to, Instant.now());
        return routed(service, request, reader -> {
            requireKnown(reader, service);
            return reader.breakdown(service, scope, range);
        });
    }

    public Answer services(String hours, String from, String to, Request request) {
        TimeRange range = from != null || to != null ? planner.range(from, to, Instant.now()) : planner.lastHours(hours, Instant.now());
        if (request.forwarded()) {
            return computed(reader -> reader.services(range), null);
        }
        Gathered gathered = gather("/api/v1/services?" + range.asQuery(), reader -> reader.services(range));
        List<ServiceSummary> all = new ArrayList<>(gathered.summaries());
        all.sort(Comparator.comparing(ServiceSummary::service));
        return new Answer.Computed(all, router.selfName(), gathered.stale());
    }

    public Answer top(String by, String limit, String window, String from, String to, Request request) {
        TopMetric metric = TopMetric.parse(by);
        int n = planner.limit(limit);
        TimeRange range = from != null || to != null ? planner.range(from, to, Instant.now()) : planner.lastWindow(window, Instant.now());
        if (request.forwarded()) {
            return computed(reader -> reader.top(metric, range, n), null);
        }
        Gathered gathered = gather("/api/v1/top?by=" + metric.label() + "&limit=" + n + "&" + range.asQuery(),
                reader -> reader.top(metric, range, n));
        return new Answer.Computed(gathered.summaries().stream().filter(metric::ranks).sorted(metric.worstFirst()).limit(n).toList(),
                router.selfName(), gathered.stale());
    }

    private Answer routed(String service, Request request, Function<SliReader, ?> query) {
        InstanceRouter.Owner owner = router.owner(SliTopology.MINUTE_STORE, service, KEYS);
        return router.answer(owner, request.pathAndQuery(), request.forwarded(), Answer.Proxied::new,
                standby -> computed(query, standby ? router.staleMarker(SliTopology.MINUTE_STORE) : null));
    }

    /** An answer computed on this instance; {@code stale} (the header value) when it may come from a standby. */
    private Answer computed(Function<SliReader, ?> query, String stale) {
        return new Answer.Computed(onThisInstance(query, stale != null), router.selfName(), stale);
    }

    /** Runs {@code query} on this instance's stores (standbys too when {@code stale}). */
    private <T> T onThisInstance(Function<SliReader, T> query, boolean stale) {
        try {
            return query.apply(reader(stale));
        } catch (InvalidStateStoreException e) {
            // The store moved away or started restoring while we read it.
            throw ProblemException.unavailable("the SLI stores are being rebalanced; retry shortly", 2);
        }
    }

    /** An all-services answer and, when standbys stood in for unreachable instances, the stale header value. */
    private record Gathered(List<ServiceSummary> summaries, String stale) {
    }

    /**
     * Every instance's own part, this one's computed here. An unreachable instance's part comes from
     * this instance's standbys when they cover all of its partitions (marked stale); otherwise 503.
     */
    private Gathered gather(String pathAndQuery, Function<SliReader, List<ServiceSummary>> local) {
        Map<String, ServiceSummary> merged = new LinkedHashMap<>();
        // While a partition changes hands two instances may both answer for a service: keep the fuller one.
        Consumer<List<ServiceSummary>> add = part -> part.forEach(s -> merged.merge(s.service(), s, (x, y) -> x.total() >= y.total() ? x : y));
        if (!router.gather(pathAndQuery, json, SUMMARIES, () -> onThisInstance(local, false), add)) {
            return new Gathered(new ArrayList<>(merged.values()), null);
        }
        add.accept(onThisInstance(local, true));
        return new Gathered(new ArrayList<>(merged.values()), router.staleMarker(SliTopology.MINUTE_STORE));
    }

    private SliReader reader(boolean stale) {
        return new SliReader(router.store(params(SliTopology.MINUTE_STORE, QueryableStoreTypes.<Bytes, byte[]>windowStore(), stale)),
                router.store(params(SliTopology.HOUR_STORE, QueryableStoreTypes.<Bytes, byte[]>windowStore(), stale)),
                router.store(params(SliTopology.SERVICES_STORE, QueryableStoreTypes.<String, Long>keyValueStore(), stale)));
    }

    private static <T> StoreQueryParameters<T> params(String store, QueryableStoreType<T> type, boolean stale) {
        StoreQueryParameters<T> p = StoreQueryParameters.fromNameAndType(store, type);
        return stale ? p.enableStaleStores() : p;
    }

    private static void requireServiceName(String service) {
        if (service == null || service.isBlank() || service.length() > MAX_SERVICE_LENGTH
                || service.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("service must be 1 to " + MAX_SERVICE_LENGTH + " printable characters");
        }
    }

    private static void requireKnown(SliReader reader, String service) {
        if (reader.lastSeen(service).isEmpty()) {
            throw ProblemException.notFound("no requests seen for service '" + service + "'");
        }
    }
}
