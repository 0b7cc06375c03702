package dev.vigil.alerting.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alerting.burn.BudgetStatus;
import dev.vigil.alerting.burn.BurnEvaluator;
import dev.vigil.alerting.burn.RuleStatus;
import dev.vigil.alerting.burn.SloSeries;
import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.alerting.slo.SloFormat;
import dev.vigil.alerting.topology.AlertingTopology;
import dev.vigil.alerting.topology.ServiceClock;
import dev.vigil.alerting.topology.SloState;
import dev.vigil.app.api.ProblemException;
import dev.vigil.app.query.InstanceRouter;
import dev.vigil.avro.Alert;

/**
 * SLOs and their standing. Definitions come from the catalog (every instance has all of them);
 * standings are computed by the instance that owns the SLO's service (the partition of sli-1m it
 * hashes to), and requests for other services are forwarded there.
 */
@ApplicationScoped
public class SloQueries {

    private final InstanceRouter router;
    private final SloCatalog catalog;
    private final ObjectMapper json;
    private final long minEvents;

    public SloQueries(InstanceRouter router, SloCatalog catalog, ObjectMapper json, AlertingConfig config) {
        this.router = router;
        this.catalog = catalog;
        this.json = json;
        this.minEvents = config.evaluation().minEvents();
    }

    public Slo definition(String id) {
        return catalog.get(id).orElseThrow(() -> ProblemException.notFound("no SLO with id '" + id + "'"));
    }

    public boolean exists(String id) {
        return catalog.get(id).isPresent();
    }

    /** One SLO's standing, from the instance that owns its service. */
    public Answer<SloStatusView> status(String id, String pathAndQuery, boolean forwarded) {
        Slo slo = definition(id);
        InstanceRouter.Owner owner = router.owner(AlertingTopology.SLO_STATE_STORE, slo.service(), Serdes.String().serializer());
        return router.answer(owner, pathAndQuery, forwarded, Answer.Elsewhere::new,
                standby -> new Answer.Here<>(compute(slo, LocalStores.open(router, standby)),
                        standby ? staleHeaders() : Map.of(InstanceRouter.SERVED_BY_HEADER, router.selfName())));
    }

    /**
     * Every SLO (of {@code service} when given) with its standing: this instance's own, and, unless
     * the request was forwarded to it, those of the other instances. An unreachable instance's part
     * comes from this instance's standbys when it keeps them (marked stale); otherwise 503. The
     * answer has every SLO of the catalog exactly once, or is a 503 while ownership moves.
     */
    public Answer<List<SloStatusView>> list(String service, String pathAndQuery, boolean forwarded) {
        List<Slo> slos = service == null ? catalog.all() : catalog.forService(service);
        Map<String, SloStatusView> out = new TreeMap<>();
        Map<HostInfo, List<Slo>> elsewhere = new LinkedHashMap<>();
        Map<HostInfo, Boolean> standbyHere = new HashMap<>();
        LocalStores stores = null;
        for (Slo slo : slos) {
            InstanceRouter.Owner owner = router.owner(AlertingTopology.SLO_STATE_STORE, slo.service(), Serdes.String().serializer());
            if (owner instanceof InstanceRouter.Remote remote) {
                elsewhere.computeIfAbsent(remote.active(), h -> new ArrayList<>()).add(slo);
                standbyHere.merge(remote.active(), remote.localStandby(), Boolean::logicalAnd);
            } else {
                stores = stores == null ? LocalStores.open(router, false) : stores;
                out.put(slo.id(), compute(slo, stores));
            }
        }
        if (forwarded) {
            return new Answer.Here<>(new ArrayList<>(out.values()), Map.of(InstanceRouter.SERVED_BY_HEADER, router.selfName()));
        }
        boolean stale = false;
        LocalStores standby = null;
        for (Map.Entry<HostInfo, List<Slo>> part : elsewhere.entrySet()) {
            HostInfo host = part.getKey();
            try {
                for (SloStatusView v : remotePart(host, pathAndQuery)) {
                    out.putIfAbsent(v.id(), v);
                }
            } catch (InstanceRouter.OwnerUnreachableException e) {
                if (!standbyHere.get(host)) {
                    throw e;
                }
                standby = standby == null ? LocalStores.open(router, true) : standby;
                for (Slo slo : part.getValue()) {
                    out.put(slo.id(), compute(slo, standby));
                }
                stale = true;
            }
        }
        // Both sides' views of who owns what differ while partitions move: then a part may be missing.
        List<String> missing = slos.stream().map(Slo::id).filter(id -> !out.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.unavailable("the standing of " + missing.size() + " SLO(s) is moving between instances; retry shortly",
                    2);
        }
        List<SloStatusView> answer = slos.stream().map(s -> out.get(s.id())).toList();
        return new Answer.Here<>(answer, stale ? staleHeaders() : Map.of(InstanceRouter.SERVED_BY_HEADER, router.selfName()));
    }

    private List<SloStatusView> remotePart(HostInfo host, String pathAndQuery) {
        return router.partFrom(host, pathAndQuery, json, new TypeReference<List<SloStatusView>>() {
        });
    }

    private Map<String, String> staleHeaders() {
        return Map.of(InstanceRouter.STALE_HEADER, router.staleMarker(AlertingTopology.SLO_STATE_STORE),
                InstanceRouter.SERVED_BY_HEADER, router.selfName());
    }

    SloStatusView compute(Slo slo, LocalStores stores) {
        return LocalStores.read(() -> standing(slo, stores));
    }

    private SloStatusView standing(Slo slo, LocalStores stores) {
        long wallNow = System.currentTimeMillis();
        ServiceClock clock = stores.clock(slo.service());
        Instant now = Instant.ofEpochMilli(clock == null ? wallNow : clock.at(wallNow, 0));
        SloSeries series = stores.series(slo.id());
        BudgetStatus b = BudgetStatus.of(slo, series, now);
        List<SloStatusView.RuleView> rules = new ArrayList<>();
        for (RuleStatus r : BurnEvaluator.evaluate(slo, series, now.toEpochMilli(), minEvents)) {
            rules.add(new SloStatusView.RuleView(r.rule().severity().label(), r.rule().burnRate(), r.rule().longLabel(),
                    r.rule().shortLabel(), r.longBurnRate(), r.shortBurnRate(), r.longCounts().total(), r.shortCounts().total(), r.firing()));
        }
        List<AlertView> alerts = new ArrayList<>();
        SloState state = stores.state(slo.id());
        if (state != null) {
            for (String fp : state.firing()) {
                Alert a = stores.active.get(fp);
                if (a != null) {
                    alerts.add(AlertView.of(a));
                }
            }
        }
        Long seconds = b.timeToExhaustion() == null ? null : b.timeToExhaustion().toSeconds();
        Instant at = b.timeToExhaustion() == null ? null : now.plus(b.timeToExhaustion());
        return new SloStatusView(slo.id(), SloFormat.toMap(slo), slo.origin(), slo.updatedAt(), now,
                new SloStatusView.PeriodView(b.periodStart(), b.periodEnd()),
                new SloStatusView.SliView(b.sli(), b.counts().good(), b.counts().total()),
                new SloStatusView.BudgetView(b.allowedErrorRatio(), b.budgetEvents(), b.consumedEvents(), b.remainingEvents(),
                        b.consumedFraction(), b.remainingFraction()),
                rules, new SloStatusView.ExhaustionView(b.burnRate1h(), seconds, at), alerts);
    }
}
