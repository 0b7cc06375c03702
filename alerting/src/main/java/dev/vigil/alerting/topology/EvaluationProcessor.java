package dev.vigil.alerting.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import com.datadoghq.sketch.ddsketch.DDSketch;

import dev.vigil.alerting.alert.ActiveAlert;
import dev.vigil.alerting.alert.AlertState;
import dev.vigil.alerting.alert.EvaluationPlan;
import dev.vigil.alerting.alert.SloAlerts;
import dev.vigil.alerting.alert.Transition;
import dev.vigil.alerting.burn.Counts;
import dev.vigil.alerting.burn.SloSeries;
import dev.vigil.alerting.codec.Alerts;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.deadletter.DeadLetters;
import dev.vigil.avro.sketch.LatencySketches;

/**
 * Evaluates the SLOs of the services this task owns. Each SLI update replaces its minute in the
 * counts of the matching SLOs (service SLOs take SERVICE windows, endpoint SLOs their ENDPOINT
 * windows; REGION windows are not used) and re-evaluates them at the service's data time. A
 * wall-clock punctuation evaluates SLOs whose data stopped, and resolves alerts of SLOs that were
 * deleted or now count something else. Alert state lives in stores written in the same
 * transaction as the alerts, so a restart neither repeats nor loses a transition.
 */
final class EvaluationProcessor implements Processor<String, SliWindow, String, SpecificRecord> {

    private final AlertingSettings settings;
    private final SloCatalog catalog;
    private final AlertingMetrics metrics;
    private final Serializer<SliWindow> windowSerializer;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Bytes, byte[]> minutes;
    private KeyValueStore<Bytes, byte[]> hours;
    private KeyValueStore<String, byte[]> states;
    private KeyValueStore<String, byte[]> clocks;
    private KeyValueStore<String, Alert> active;
    private KeyValueStore<Bytes, Alert> history;
    private long startedWallMs;
    /** Per definition, worked out once (rules, alert labels, fingerprints); dropped when the definition changes. */
    private final Map<String, EvaluationPlan> plans = new HashMap<>();
    private final SeriesCache seriesCache;

    EvaluationProcessor(AlertingSettings settings, SloCatalog catalog, AlertingMetrics metrics, Serializer<SliWindow> windowSerializer) {
        this.settings = settings;
        this.catalog = catalog;
        this.metrics = metrics;
        this.windowSerializer = windowSerializer;
        this.seriesCache = new SeriesCache(settings.seriesCacheSlos());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        minutes = context.getStateStore(AlertingTopology.MINUTES_STORE);
        hours = context.getStateStore(AlertingTopology.HOURS_STORE);
        states = context.getStateStore(AlertingTopology.SLO_STATE_STORE);
        clocks = context.getStateStore(AlertingTopology.CLOCK_STORE);
        active = context.getStateStore(AlertingTopology.ACTIVE_STORE);
        history = context.getStateStore(AlertingTopology.HISTORY_STORE);
        // Time this task was not running is not time without data: no-data and idle evaluation
        // count from when the task started at the earliest.
        startedWallMs = context.currentSystemTimeMs();
        // A (re)initialized task may have restored or rolled back its stores: nothing cached may outlive that.
        plans.clear();
        seriesCache.clear();
        context.schedule(settings.evaluationInterval(), PunctuationType.WALL_CLOCK_TIME, this::evaluateIdle);
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::trimHistory);
    }

    @Override
    public void process(Record<String, SliWindow> record) {
        SliWindow w = record.value();
        if (w == null) {
            return;
        }
        String invalid = invalid(w);
        if (invalid != null) {
            deadLetter(record, invalid);
            return;
        }
        metrics.sliUpdate();
        if (w.getScope() == SliScope.REGION) {
            return;
        }
        List<Slo> slos = catalog.forService(w.getService());
        if (slos.isEmpty()) {
            return;
        }
        long wallNow = context.currentSystemTimeMs();
        long start = w.getWindowStart().toEpochMilli();
        long end = w.getWindowEnd().toEpochMilli();
        long dataTime = Math.min(Math.max(record.timestamp(), start), end - 1);
        ServiceClock clock = clock(w.getService());
        ServiceClock next = new ServiceClock(clock == null ? dataTime : Math.max(clock.eventTimeMs(), dataTime), wallNow);
        clocks.put(w.getService(), next.encode());
        long now = next.eventTimeMs();

        DDSketch sketch = null;
        for (Slo slo : slos) {
            if (!matches(slo, w)) {
                continue;
            }
            Counts snapshot;
            if (slo.sli() == SliType.AVAILABILITY) {
                snapshot = new Counts(w.getTotal() - w.getAvailabilityErrors(), w.getTotal());
            } else {
                if (sketch == null) {
                    try {
                        sketch = LatencySketches.decode(w.getLatencySketch());
                    } catch (IllegalArgumentException e) {
                        deadLetter(record, "latencySketch: " + e.getMessage());
                        return;
                    }
                }
                long good = Math.round(LatencySketches.countAtOrBelow(sketch, slo.latencyThresholdMs()));
                snapshot = new Counts(Math.min(good, w.getLatencyCount()), w.getLatencyCount());
            }
            SloState state = stateFor(slo, now);
            EvaluationPlan plan = plan(slo);
            SloSeries series = series(slo.id());
            Counts delta = series.record(start, snapshot, now, plan.retentionDays());
            if (delta == null) {
                metrics.lateUpdate();
                continue;
            }
            if (delta.total() > 0) {
                state = state.withTraffic(wallNow);
            }
            evaluate(plan, series, state, now, wallNow);
        }
    }

    @Override
    public void close() {
        plans.clear();
        seriesCache.clear();
    }

    private EvaluationPlan plan(Slo slo) {
        EvaluationPlan plan = plans.get(slo.id());
        if (plan == null || plan.slo() != slo) {
            plan = EvaluationPlan.of(slo, settings.noDataSeverity());
            plans.put(slo.id(), plan);
        }
        return plan;
    }

    private SloSeries series(String sloId) {
        return new SloSeries(seriesCache.chunks(sloId, chunks(sloId)));
    }

    private static boolean matches(Slo slo, SliWindow w) {
        return w.getScope() == SliScope.SERVICE ? slo.endpoint() == null
                : w.getScope() == SliScope.ENDPOINT && slo.endpoint() != null && slo.endpoint().equals(w.getEndpoint());
    }

    /** The SLO's state; a state left by an earlier definition that counted something else is closed first. */
    private SloState stateFor(Slo slo, long now) {
        byte[] raw = states.get(slo.id());
        if (raw != null) {
            SloState s = SloState.decode(raw);
            if (s.signature() == slo.countingSignature() && s.service().equals(slo.service())) {
                return s;
            }
            close(slo.id(), s, Instant.ofEpochMilli(now), "changed what it counts (service, endpoint, SLI or threshold)");
        }
        return SloState.fresh(slo.service(), slo.countingSignature());
    }

    private void evaluate(EvaluationPlan plan, SloSeries series, SloState state, long now, long wallNow) {
        Slo slo = plan.slo();
        SloAlerts.Outcome outcome = SloAlerts.evaluate(plan, series, Instant.ofEpochMilli(now), noData(slo, state, wallNow),
                new FiringAlerts(state.firing()), settings.alertSettings());
        SloState next = apply(state, outcome.transitions(), wallNow);
        states.put(slo.id(), next.encode());
    }

    private boolean noData(Slo slo, SloState state, long wallNow) {
        Duration after = slo.noDataAfterOr(settings.noDataAfter());
        return state.hadTraffic() && wallNow - Math.max(state.lastTrafficWallMs(), startedWallMs) >= after.toMillis();
    }

    /**
     * An SLO's firing alerts, read from the active-alerts store only when asked for (the evaluation
     * mostly asks which fingerprints fire, which the SLO state knows; resolving reads them).
     */
    private final class FiringAlerts extends AbstractMap<String, ActiveAlert> {
        private final Set<String> fingerprints;
        private final Map<String, ActiveAlert> loaded = new HashMap<>();

        FiringAlerts(List<String> fingerprints) {
            this.fingerprints = new LinkedHashSet<>(fingerprints);
        }

        @Override
        public boolean containsKey(Object fp) {
            return fingerprints.contains(fp);
        }

        @Override
        public Set<String> keySet() {
            return Collections.unmodifiableSet(fingerprints);
        }

        @Override
        public ActiveAlert get(Object fp) {
            if (!fingerprints.contains(fp)) {
                return null;
            }
            return loaded.computeIfAbsent((String) fp, k -> {
                Alert a = active.get(k);
                return a == null ? null : Alerts.active(a);
            });
        }

        @Override
        public Set<Map.Entry<String, ActiveAlert>> entrySet() {
            Map<String, ActiveAlert> all = new LinkedHashMap<>();
            for (String fp : fingerprints) {
                ActiveAlert a = get(fp);
                if (a != null) {
                    all.put(fp, a);
                }
            }
            return all.entrySet();
        }
    }

    /** Emits the transitions and records them in the alert stores; returns the state with the new firing set. */
    private SloState apply(SloState state, List<Transition> transitions, long wallNow) {
        if (transitions.isEmpty()) {
            return state;
        }
        List<String> fps = new ArrayList<>(state.firing());
        for (Transition t : transitions) {
            Alert alert = Alerts.toAvro(t, settings.publicUrl(), Instant.ofEpochMilli(wallNow));
            Instant at = t.endsAt() != null ? t.endsAt() : t.startsAt();
            context.forward(new Record<String, SpecificRecord>(t.fingerprint(), alert, at.toEpochMilli()), AlertingTopology.ALERTS_SINK);
            if (t.state() == AlertState.FIRING) {
                active.put(t.fingerprint(), alert);
                fps.add(t.fingerprint());
            } else {
                active.delete(t.fingerprint());
                fps.remove(t.fingerprint());
            }
            history.put(ChunkKeys.historyKey(wallNow, t.fingerprint(), alert.getStatus().ordinal()), alert);
            metrics.transition(t.state());
        }
        return state.withFiring(fps);
    }

    /** Resolves the alerts of a state whose SLO is gone or changed, and drops its counts. */
    private void close(String sloId, SloState state, Instant now, String why) {
        apply(state, SloAlerts.resolveAll(sloId, state.service(), new FiringAlerts(state.firing()), now, why),
                context.currentSystemTimeMs());
        states.delete(sloId);
        chunks(sloId).deleteAll();
        seriesCache.forget(sloId);
        plans.remove(sloId);
    }

    private void evaluateIdle(long wallNow) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = states.all()) {
            while (it.hasNext()) {
                ids.add(it.next().key);
            }
        }
        for (String id : ids) {
            byte[] raw = states.get(id);
            if (raw == null) {
                continue;
            }
            SloState state = SloState.decode(raw);
            Slo slo = catalog.get(id).orElse(null);
            ServiceClock clock = clock(state.service());
            Instant now = Instant.ofEpochMilli(clock == null ? wallNow : clock.at(wallNow, startedWallMs));
            if (slo == null) {
                close(id, state, now, "was deleted");
                continue;
            }
            if (!slo.service().equals(state.service()) || slo.countingSignature() != state.signature()) {
                close(id, state, now, "changed what it counts (service, endpoint, SLI or threshold)");
                continue;
            }
            if (clock == null) {
                continue;
            }
            boolean fresh = wallNow - clock.wallMs() < settings.evaluationInterval().toMillis();
            EvaluationPlan plan = plan(slo);
            boolean noDataFiring = state.firing().contains(plan.noDataFingerprint());
            // Services with fresh data were just evaluated by their updates; only no-data may change for them.
            if (fresh && noData(slo, state, wallNow) == noDataFiring) {
                continue;
            }
            evaluate(plan, series(id), state, now.toEpochMilli(), wallNow);
        }
    }

    private void trimHistory(long wallNow) {
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, Alert> it = history.range(ChunkKeys.historyFrom(0),
                ChunkKeys.historyFrom(wallNow - settings.historyRetention().toMillis()))) {
            while (it.hasNext()) {
                old.add(it.next().key);
            }
        }
        old.forEach(history::delete);
        List<Bytes> all = new ArrayList<>();
        try (KeyValueIterator<Bytes, Alert> it = history.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, Alert> kv = it.next();
                all.add(kv.key);
            }
        }
        for (int i = 0; i < all.size() - settings.historyLimit(); i++) {
            history.delete(all.get(i));
        }
    }

    private ServiceClock clock(String service) {
        byte[] raw = clocks.get(service);
        return raw == null ? null : ServiceClock.decode(raw);
    }

    private StoreChunks chunks(String sloId) {
        return new StoreChunks(minutes, hours, sloId);
    }

    /** Why a window cannot be right, or null. */
    static String invalid(SliWindow w) {
        if (w.getService() == null || w.getService().isBlank()) {
            return "service: empty";
        }
        if (w.getWindowStart() == null || w.getWindowEnd() == null || !w.getWindowEnd().isAfter(w.getWindowStart())) {
            return "windowEnd must be after windowStart";
        }
        if (w.getTotal() < 0 || w.getAvailabilityErrors() < 0 || w.getAvailabilityErrors() > w.getTotal()) {
            return "counts: need 0 <= availabilityErrors (" + w.getAvailabilityErrors() + ") <= total (" + w.getTotal() + ")";
        }
        if (w.getLatencyCount() < 0 || w.getLatencyCount() > w.getTotal()) {
            return "latencyCount: need 0 <= latencyCount (" + w.getLatencyCount() + ") <= total (" + w.getTotal() + ")";
        }
        if (w.getScope() == SliScope.ENDPOINT && (w.getEndpoint() == null || w.getEndpoint().isBlank())) {
            return "endpoint: required for scope ENDPOINT";
        }
        return null;
    }

    private void deadLetter(Record<String, SliWindow> record, String why) {
        metrics.invalidWindow();
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? settings.sliTopic() : meta.topic();
        byte[] raw = windowSerializer.serialize(topic, record.value());
        DeadLetter letter = DeadLetters.of(DeadLetterReason.INVALID_VALUE, why, "alerting",
                new DeadLetters.Origin(topic, meta == null ? -1 : meta.partition(), meta == null ? -1L : meta.offset(), record.timestamp(),
                        "avro:SliWindow", null),
                raw, context.currentSystemTimeMs());
        context.forward(new Record<String, SpecificRecord>(topic, letter, record.timestamp()), AlertingTopology.DEAD_LETTER_SINK);
    }
}
