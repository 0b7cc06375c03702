package dev.vigil.tools.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the apps' REST answers into the live view's rows. The aggregator's
 * {@code GET /api/v1/services} shape is the contract's; the alerting service's SLO status is read
 * leniently (the budget may be given as a fraction or in events), so the view keeps working while
 * the details of that API settle.
 */
public final class Views {

    private Views() {
    }

    /** The aggregator's {@code [{"service","total","availability","errorRatio","p99Ms","lastSeen"}]}. */
    public static List<ServiceRow> services(JsonNode list, Map<String, Double> budgets, Map<String, Integer> firing) {
        List<ServiceRow> rows = new ArrayList<>();
        for (JsonNode s : items(list)) {
            String name = s.path("service").asText(null);
            if (name == null) {
                continue;
            }
            rows.add(new ServiceRow(name, s.path("total").asLong(0), number(s, "availability"), number(s, "errorRatio"),
                    number(s, "p99Ms"), budgets.get(name), firing.getOrDefault(name, 0)));
        }
        rows.sort(java.util.Comparator.comparing(ServiceRow::service));
        return rows;
    }

    /** The SLOs of {@code GET /api/v1/slos}: an array, or an object holding one ({@code slos}, {@code items}). */
    public static List<JsonNode> items(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        JsonNode array = node;
        if (node.isObject()) {
            array = node.has("slos") ? node.get("slos") : node.has("items") ? node.get("items") : node.has("services") ? node.get("services")
                    : null;
        }
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    /** Service -> the smallest remaining budget fraction among its SLOs. */
    public static Map<String, Double> budgets(List<JsonNode> slos) {
        Map<String, Double> out = new HashMap<>();
        for (JsonNode slo : slos) {
            String service = slo.path("service").asText(null);
            for (String holder : new String[] {"definition", "slo"}) {
                if (service == null && slo.has(holder)) {
                    service = slo.path(holder).path("service").asText(null);
                }
            }
            Optional<Double> left = budgetRemaining(slo);
            if (service != null && left.isPresent()) {
                out.merge(service, left.get(), Math::min);
            }
        }
        return out;
    }

    /**
     * The remaining error budget of one SLO as a fraction (1 = untouched, negative = overspent). The
     * alerting service answers {@code "errorBudget": {"totalEvents", "consumedEvents", "remainingEvents",
     * "consumed", "remaining"}} with fractions in {@code consumed} and {@code remaining}.
     */
    public static Optional<Double> budgetRemaining(JsonNode slo) {
        JsonNode budget = slo.has("budget") ? slo.get("budget") : slo.path("errorBudget");
        for (String key : new String[] {"remainingFraction", "remainingRatio", "fractionRemaining", "remaining_fraction"}) {
            if (budget.path(key).isNumber()) {
                return Optional.of(budget.get(key).asDouble());
            }
        }
        JsonNode remaining = budget.path("remaining");
        if (remaining.isObject()) {
            for (String key : new String[] {"fraction", "ratio"}) {
                if (remaining.path(key).isNumber()) {
                    return Optional.of(remaining.get(key).asDouble());
                }
            }
            JsonNode events = remaining.path("events");
            JsonNode total = budget.path("total").isObject() ? budget.path("total").path("events") : budget.path("total");
            if (events.isNumber() && total.isNumber() && total.asDouble() > 0) {
                return Optional.of(events.asDouble() / total.asDouble());
            }
        } else if (remaining.isNumber()) {
            JsonNode total = budget.path("total");
            if (total.isNumber() && total.asDouble() > 1) {
                return Optional.of(remaining.asDouble() / total.asDouble());      // counted in events
            }
            return Optional.of(remaining.asDouble());
        }
        for (String key : new String[] {"budgetRemaining", "errorBudgetRemaining"}) {
            if (slo.path(key).isNumber()) {
                return Optional.of(slo.get(key).asDouble());
            }
        }
        return Optional.empty();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }
}
