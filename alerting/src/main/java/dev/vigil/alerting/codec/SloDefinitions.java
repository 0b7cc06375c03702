package dev.vigil.alerting.codec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import dev.vigil.alerting.slo.BurnRule;
import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.Severity;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloValidator;
import dev.vigil.avro.BurnRateRule;
import dev.vigil.avro.PeriodKind;
import dev.vigil.avro.SliKind;
import dev.vigil.avro.SloDefinition;

/** SLOs as they travel on the {@code slo-definitions} topic (Avro {@link SloDefinition}) and back. */
public final class SloDefinitions {

    private SloDefinitions() {
    }

    public static SloDefinition toAvro(Slo slo) {
        List<BurnRateRule> rules = null;
        if (!slo.rules().isEmpty()) {
            rules = new ArrayList<>();
            for (BurnRule r : slo.rules()) {
                rules.add(BurnRateRule.newBuilder().setSeverity(dev.vigil.avro.Severity.valueOf(r.severity().name()))
                        .setBurnRate(r.burnRate()).setLongWindowMs(r.longWindow().toMillis())
                        .setShortWindowMs(r.shortWindow().toMillis()).build());
            }
        }
        PeriodKind kind;
        int days;
        if (slo.period() instanceof Period.Rolling r) {
            kind = PeriodKind.ROLLING;
            days = r.days();
        } else if (slo.period() instanceof Period.CalendarWeek) {
            kind = PeriodKind.CALENDAR_WEEK;
            days = 7;
        } else {
            kind = PeriodKind.CALENDAR_MONTH;
            days = 31;
        }
        return SloDefinition.newBuilder()
                .setId(slo.id())
                .setDisplayName(slo.displayName())
                .setDescription(slo.description())
                .setService(slo.service())
                .setEndpoint(slo.endpoint())
                .setSli(SliKind.valueOf(slo.sli().name()))
                .setLatencyThresholdMs(slo.latencyThresholdMs())
                .setTarget(slo.target())
                .setPeriod(kind)
                .setPeriodDays(days)
                .setRules(rules)
                .setMinEvents(slo.minEvents())
                .setNoDataAfterMs(slo.noDataAfter() == null ? null : slo.noDataAfter().toMillis())
                .setRunbookUrl(slo.runbookUrl())
                .setLabels(new HashMap<>(slo.labels()))
                .setOrigin(slo.origin())
                .setUpdatedAt(slo.updatedAt() == null ? Instant.now() : slo.updatedAt())
                .build();
    }

    /** The SLO a definition record describes; IllegalArgumentException with every problem if it is invalid. */
    public static Slo fromAvro(SloDefinition d) {
        List<BurnRule> rules = new ArrayList<>();
        if (d.getRules() != null) {
            for (BurnRateRule r : d.getRules()) {
                rules.add(new BurnRule(Severity.valueOf(r.getSeverity().name()), r.getBurnRate(), Duration.ofMillis(r.getLongWindowMs()),
                        Duration.ofMillis(r.getShortWindowMs())));
            }
        }
        Period period;
        try {
            period = switch (d.getPeriod()) {
                case ROLLING -> new Period.Rolling(d.getPeriodDays());
                case CALENDAR_WEEK -> new Period.CalendarWeek();
                case CALENDAR_MONTH -> new Period.CalendarMonth();
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("periodDays: " + e.getMessage());
        }
        Slo slo = new Slo(d.getId(), d.getService(), d.getEndpoint(), SliType.valueOf(d.getSli().name()), d.getLatencyThresholdMs(),
                d.getTarget(), period, d.getDisplayName(), d.getDescription(), d.getLabels(), d.getRunbookUrl(), d.getMinEvents(),
                d.getNoDataAfterMs() == null ? null : Duration.ofMillis(d.getNoDataAfterMs()), rules, d.getOrigin(), d.getUpdatedAt());
        List<String> problems = SloValidator.validate(slo, "");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return slo;
    }
}
