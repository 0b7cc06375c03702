package dev.vigil.normalizer.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.app.api.ProblemException;
import dev.vigil.app.query.InstanceRouter;
import dev.vigil.normalizer.normalize.ServiceRule;
import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.normalizer.topology.Counter;
import dev.vigil.normalizer.topology.NormalizerTopology;
import dev.vigil.normalizer.topology.TopologySettings;

/**
 * Reads the conservation counters from the counter stores of this instance's tasks and, for the
 * cluster view, adds every other instance's local counts (fetched over REST through the
 * InstanceRouter). The stores are changelogged and written in the same exactly-once transaction as
 * the output, so the sums survive rebalances and restarts.
 */
@ApplicationScoped
public class SourceStats {

    static final String LOCAL_COUNTERS_PATH = "/api/v1/sources/counters?scope=local";

    private final InstanceRouter router;
    private final TopologySettings settings;
    private final ObjectMapper json;

    public SourceStats(InstanceRouter router, TopologySettings settings, ObjectMapper json) {
        this.router = router;
        this.settings = settings;
        this.json = json;
    }

    /** Raw counter keys ({@code source\u001fcounter[:reason]}) to values, over this instance's tasks. */
    public Map<String, Long> localCounters() {
        Map<String, Long> totals = new TreeMap<>();
        for (String name : List.of(NormalizerTopology.INGEST_COUNTERS, NormalizerTopology.OUTPUT_COUNTERS)) {
            ReadOnlyKeyValueStore<String, Long> store = router.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
            // The composite store iterates each local task's store in turn: the same key may come once per task.
            try (KeyValueIterator<String, Long> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Long> kv = it.next();
                    totals.merge(kv.key, kv.value, Long::sum);
                }
            }
        }
        return totals;
    }

    /** This instance's counters plus every other instance's. */
    public Map<String, Long> clusterCounters(boolean alreadyForwarded) {
        Map<String, Long> totals = new TreeMap<>(localCounters());
        for (HostInfo host : router.allInstances()) {
            if (router.isSelf(host)) {
                continue;
            }
            InstanceRouter.Forwarded answer = router.forward(host, LOCAL_COUNTERS_PATH, alreadyForwarded);
            if (answer.status() != 200) {
                throw ProblemException.unavailable("instance " + host.host() + ":" + host.port() + " answered " + answer.status()
                        + " for its counters; retry shortly", 2);
            }
            try {
                Map<String, Long> remote = json.readValue(answer.body(), new TypeReference<Map<String, Long>>() {
                });
                remote.forEach((k, v) -> totals.merge(k, v, Long::sum));
            } catch (JsonProcessingException e) {
                throw ProblemException.unavailable("instance " + host.host() + ":" + host.port() + " sent unreadable counters", 2);
            }
        }
        return totals;
    }

    public List<SourceView> sources(Map<String, Long> counters) {
        List<SourceView> out = new ArrayList<>();
        for (SourceSpec s : settings.sources()) {
            List<SourceView.Rule> rules = new ArrayList<>();
            for (ServiceRule r : s.rules()) {
                rules.add(new SourceView.Rule(r.field().id(), r.regex().pattern(), r.service(), r.region()));
            }
            out.add(new SourceView(s.name(), s.topic(), s.format().id(), s.defaultService(), rules, counters(s.name(), counters)));
        }
        return out;
    }

    static SourceView.Counters counters(String source, Map<String, Long> all) {
        Map<String, Long> byReason = new TreeMap<>();
        String prefix = Counter.DEAD_LETTER.key(source, "");
        long deadLetters = 0;
        for (Map.Entry<String, Long> e : all.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                byReason.put(e.getKey().substring(prefix.length()), e.getValue());
                deadLetters += e.getValue();
            }
        }
        long in = get(all, source, Counter.IN);
        long out = get(all, source, Counter.OUT);
        long duplicates = get(all, source, Counter.DUPLICATE);
        long skipped = get(all, source, Counter.SKIPPED);
        return new SourceView.Counters(get(all, source, Counter.RECORDS), in, out, deadLetters, byReason, duplicates, skipped,
                get(all, source, Counter.ENDPOINT_CAPPED), in - out - deadLetters - duplicates - skipped);
    }

    private static long get(Map<String, Long> all, String source, Counter counter) {
        return all.getOrDefault(counter.key(source, null), 0L);
    }
}
