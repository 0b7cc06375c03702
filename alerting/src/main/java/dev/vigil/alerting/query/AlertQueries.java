package dev.vigil.alerting.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alerting.topology.AlertingTopology;
import dev.vigil.alerting.topology.ChunkKeys;
import dev.vigil.app.query.InstanceRouter;
import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;

/**
 * Current alerts (the active-alerts store) and recent history (the bounded history store). A query
 * for one service goes to the instance that owns it; without a service every instance is asked.
 */
@ApplicationScoped
public class AlertQueries {

    /** Which alerts a query wants. */
    public enum State {
        FIRING, RESOLVED, ALL
    }

    private final InstanceRouter router;
    private final ObjectMapper json;

    public AlertQueries(InstanceRouter router, ObjectMapper json) {
        this.router = router;
        this.json = json;
    }

    /**
     * Alerts of one service (from the instance that owns it), or of every service (every instance's
     * own part). An unreachable owner's part comes from this instance's standbys when they cover it
     * (marked stale); otherwise 503.
     */
    public Answer<List<AlertView>> alerts(State state, String service, int limit, String pathAndQuery, boolean forwarded) {
        if (service != null) {
            InstanceRouter.Owner owner = router.owner(AlertingTopology.ACTIVE_STORE, service, Serdes.String().serializer());
            return router.answer(owner, pathAndQuery, forwarded, Answer.Elsewhere::new,
                    standby -> new Answer.Here<>(local(state, service, limit, standby),
                            standby ? staleHeaders() : Map.of(InstanceRouter.SERVED_BY_HEADER, router.selfName())));
        }
        if (forwarded) {
            return new Answer.Here<>(local(state, null, limit, false), Map.of(InstanceRouter.SERVED_BY_HEADER, router.selfName()));
        }
        Map<String, AlertView> merged = new HashMap<>();
        boolean standIn = router.gather(pathAndQuery, json, new TypeReference<List<AlertView>>() {
        }, () -> local(state, null, limit, false), part -> part.forEach(a -> merged.put(identity(a), a)));
        if (standIn) {
            // Every copy this instance keeps, active and standby: the unreachable instance's part too.
            local(state, null, limit, true).forEach(a -> merged.putIfAbsent(identity(a), a));
        }
        return new Answer.Here<>(newestFirst(merged.values(), limit),
                standIn ? staleHeaders() : Map.of(InstanceRouter.SERVED_BY_HEADER, router.selfName()));
    }

    /** A firing alert once, a resolution once per transition (the same alert may have resolved several times). */
    private static String identity(AlertView a) {
        return a.fingerprint() + "/" + a.status() + "/" + (a.status().equals("firing") ? "" : a.emittedAt());
    }

    private Map<String, String> staleHeaders() {
        return Map.of(InstanceRouter.STALE_HEADER, router.staleMarker(AlertingTopology.ACTIVE_STORE),
                InstanceRouter.SERVED_BY_HEADER, router.selfName());
    }

    /** This instance's alerts: firing ones first, then resolved ones from the history, newest first. */
    List<AlertView> local(State state, String service, int limit, boolean stale) {
        return LocalStores.read(() -> {
            LocalStores stores = LocalStores.open(router, stale);
            List<AlertView> out = new ArrayList<>();
            if (state != State.RESOLVED) {
                for (Alert a : firing(stores)) {
                    if (service == null || service.equals(a.getService())) {
                        out.add(AlertView.of(a));
                    }
                }
            }
            if (state != State.FIRING) {
                try (KeyValueIterator<Bytes, Alert> it = stores.history.all()) {
                    while (it.hasNext()) {
                        Alert a = it.next().value;
                        if (a.getStatus() == AlertStatus.RESOLVED && (service == null || service.equals(a.getService()))) {
                            out.add(AlertView.of(a));
                        }
                    }
                }
            }
            return newestFirst(out, limit);
        });
    }

    /** The alerts firing on this instance (its active tasks), for the Alertmanager bridge. */
    public List<Alert> localFiring() {
        return LocalStores.read(() -> firing(LocalStores.open(router, false)));
    }

    /** Resolutions this instance emitted since {@code since} (wall clock), for the Alertmanager bridge. */
    public List<Alert> localResolvedSince(Instant since) {
        LocalStores stores = LocalStores.open(router, false);
        List<Alert> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, Alert> it = stores.history.range(ChunkKeys.historyFrom(since.toEpochMilli()),
                ChunkKeys.historyFrom(Long.MAX_VALUE))) {
            while (it.hasNext()) {
                KeyValue<Bytes, Alert> kv = it.next();
                if (kv.value.getStatus() == AlertStatus.RESOLVED) {
                    out.add(kv.value);
                }
            }
        }
        return out;
    }

    private static List<Alert> firing(LocalStores stores) {
        List<Alert> out = new ArrayList<>();
        try (KeyValueIterator<String, Alert> it = stores.active.all()) {
            while (it.hasNext()) {
                out.add(it.next().value);
            }
        }
        return out;
    }

    /** Firing first, then newest first; ties (transitions of one evaluation) by fingerprint, so every instance orders alike. */
    private static List<AlertView> newestFirst(java.util.Collection<AlertView> alerts, int limit) {
        List<AlertView> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparing((AlertView a) -> a.status().equals("firing") ? 0 : 1)
                .thenComparing(AlertView::emittedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(AlertView::fingerprint));
        return sorted.size() <= limit ? sorted : List.copyOf(sorted.subList(0, limit));
    }
}
