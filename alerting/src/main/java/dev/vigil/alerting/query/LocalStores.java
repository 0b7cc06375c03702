package dev.vigil.alerting.query;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.vigil.alerting.burn.SloSeries;
import dev.vigil.alerting.topology.AlertingTopology;
import dev.vigil.alerting.topology.ServiceClock;
import dev.vigil.alerting.topology.SloState;
import dev.vigil.alerting.topology.StoreChunks;
import dev.vigil.app.query.InstanceRouter;
import dev.vigil.avro.Alert;

/** The evaluator's stores on this instance (active copies, or standbys when {@code stale}). */
final class LocalStores {

    final ReadOnlyKeyValueStore<Bytes, byte[]> minutes;
    final ReadOnlyKeyValueStore<Bytes, byte[]> hours;
    final ReadOnlyKeyValueStore<String, byte[]> states;
    final ReadOnlyKeyValueStore<String, byte[]> clocks;
    final ReadOnlyKeyValueStore<String, Alert> active;
    final ReadOnlyKeyValueStore<Bytes, Alert> history;

    /** This instance's active copies, or every copy it keeps (active and standby) when {@code stale}. */
    static LocalStores open(InstanceRouter router, boolean stale) {
        return new LocalStores(router, stale);
    }

    private LocalStores(InstanceRouter router, boolean stale) {
        minutes = router.store(params(AlertingTopology.MINUTES_STORE, stale));
        hours = router.store(params(AlertingTopology.HOURS_STORE, stale));
        states = router.store(params(AlertingTopology.SLO_STATE_STORE, stale));
        clocks = router.store(params(AlertingTopology.CLOCK_STORE, stale));
        active = router.store(params(AlertingTopology.ACTIVE_STORE, stale));
        history = router.store(params(AlertingTopology.HISTORY_STORE, stale));
    }

    private static <K, V> StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> params(String name, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> p = StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        return stale ? p.enableStaleStores() : p;
    }

    /** Runs a read; a store that moves away or starts restoring meanwhile is a 503, not a 500. */
    static <T> T read(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            throw dev.vigil.app.api.ProblemException.unavailable("the alerting stores are being rebalanced; retry shortly", 2);
        }
    }

    SloSeries series(String sloId) {
        return new SloSeries(new StoreChunks(minutes, hours, sloId));
    }

    ServiceClock clock(String service) {
        byte[] raw = clocks.get(service);
        return raw == null ? null : ServiceClock.decode(raw);
    }

    SloState state(String sloId) {
        byte[] raw = states.get(sloId);
        return raw == null ? null : SloState.decode(raw);
    }
}
