package dev.vigil.alerting.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alerting.topology.AlertingTopology;
import dev.vigil.alerting.topology.ChunkKeys;
import dev.vigil.app.api.ProblemException;
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

    public Answer<List<AlertView>> alerts(State state, String service, int limit, String pathAndQuery, boolean forwarded) {
        if (service != null) {
            InstanceRouter.Owner owner = router.owner(AlertingTopology.ACTIVE_STORE, service, Serdes.String().serializer());
            if (owner instanceof InstanceRouter.Remote remote) {
                return new Answer.Elsewhere<>(router.forward(remote.active(), pathAndQuery, forwarded));
            }
            return new Answer.Here<>(local(state, service, limit), Map.of(InstanceRouter.SERVED_BY_HEADER, router.selfName()));
        }
        List<AlertView> out = new ArrayList<>(local(state, null, limit));
        if (!forwarded) {
            for (HostInfo host : router.allInstances()) {
                if (router.isSelf(host)) {
                    continue;
                }
                InstanceRouter.Forwarded f = router.forward(host, pathAndQuery, false);
                if (f.status() != 200) {
                    throw ProblemException.unavailable("instance " + host.host() + ":" + host.port() + " answered " + f.status()
                            + "; retry shortly", 2);
                }
                try {
                    out.addAll(json.readValue(f.body(), new TypeReference<List<AlertView>>() {
                    }));
                } catch (java.io.IOException e) {
                    throw ProblemException.unavailable("could not read the answer of " + host.host() + ":" + host.port(), 2);
                }
            }
        }
        return new Answer.Here<>(newestFirst(out, limit), Map.of(InstanceRouter.SERVED_BY_HEADER, router.selfName()));
    }

    /** This instance's alerts: firing ones first, then resolved ones from the history, newest first. */
    List<AlertView> local(State state, String service, int limit) {
        LocalStores stores = new LocalStores(router, false);
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
    }

    /** The alerts firing on this instance (its active tasks), for the Alertmanager bridge. */
    public List<Alert> localFiring() {
        return firing(new LocalStores(router, false));
    }

    /** Resolutions this instance emitted since {@code since} (wall clock), for the Alertmanager bridge. */
    public List<Alert> localResolvedSince(Instant since) {
        LocalStores stores = new LocalStores(router, false);
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

    private static List<AlertView> newestFirst(List<AlertView> alerts, int limit) {
        List<AlertView> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparing((AlertView a) -> a.status().equals("firing") ? 0 : 1)
                .thenComparing(AlertView::emittedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return sorted.size() <= limit ? sorted : sorted.subList(0, limit);
    }
}
