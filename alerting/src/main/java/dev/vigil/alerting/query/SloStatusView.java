package dev.vigil.alerting.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An SLO with its standing: the SLI over the period, the error budget, the burn rate of each rule
 * window, the time to exhaustion at the current 1h burn rate, and the alerts firing now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SloStatusView(String id, Map<String, Object> definition, String origin, Instant updatedAt, Instant evaluatedAt,
        PeriodView period, SliView sli, BudgetView errorBudget, List<RuleView> burnRates, ExhaustionView timeToExhaustion,
        List<AlertView> alerts) {

    public record PeriodView(Instant start, Instant end) {
    }

    /** {@code value} is good / total, null without events. */
    public record SliView(Double value, long good, long total) {
    }

    /** Budget in events ({@code allowedErrorRatio x total}) and as fractions; remaining may be negative. */
    public record BudgetView(double allowedErrorRatio, double totalEvents, long consumedEvents, double remainingEvents, double consumed,
            double remaining) {
    }

    public record RuleView(String severity, double burnRate, String longWindow, String shortWindow, double longBurnRate,
            double shortBurnRate, long longEvents, long shortEvents, boolean conditionMet) {
    }

    /** {@code seconds} is null when the budget does not burn (1h burn rate 0), 0 when it is spent. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ExhaustionView(double burnRate1h, Long seconds, Instant at) {
    }
}
