package dev.vigil.alerting.slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders an SLO in the Vigil file format (as a map for JSON or YAML), the inverse of {@link SloParser}. */
public final class SloFormat {

    private SloFormat() {
    }

    public static Map<String, Object> toMap(Slo slo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", slo.id());
        m.put("service", slo.service());
        putIf(m, "endpoint", slo.endpoint());
        m.put("sli", slo.sli().text());
        putIf(m, "latencyThresholdMs", slo.latencyThresholdMs());
        m.put("target", slo.target());
        m.put("period", slo.period().text());
        putIf(m, "displayName", slo.displayName());
        putIf(m, "description", slo.description());
        if (!slo.labels().isEmpty()) {
            m.put("labels", slo.labels());
        }
        putIf(m, "runbookUrl", slo.runbookUrl());
        putIf(m, "minEvents", slo.minEvents());
        if (slo.noDataAfter() != null) {
            m.put("noDataAfter", Durations.format(slo.noDataAfter()));
        }
        if (!slo.rules().isEmpty()) {
            m.put("rules", rules(slo.rules()));
        }
        return m;
    }

    public static List<Map<String, Object>> rules(List<BurnRule> rules) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BurnRule r : rules) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("severity", r.severity().label());
            rm.put("burnRate", r.burnRate());
            rm.put("longWindow", r.longLabel());
            rm.put("shortWindow", r.shortLabel());
            out.add(rm);
        }
        return out;
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
