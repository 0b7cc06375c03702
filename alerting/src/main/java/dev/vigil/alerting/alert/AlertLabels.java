package dev.vigil.alerting.alert;

import java.util.Map;
import java.util.TreeMap;

import dev.vigil.alerting.slo.BurnRule;
import dev.vigil.alerting.slo.Slo;

/** The identifying labels of Vigil's alerts; the fingerprint is computed over exactly these. */
public final class AlertLabels {

    public static final String BURN_RATE = "SLOBurnRate";
    public static final String NO_DATA = "SLONoData";

    private AlertLabels() {
    }

    /** alertname=SLOBurnRate, slo, service, endpoint (when set), severity, long_window, short_window, plus the SLO's labels. */
    public static Map<String, String> burnRate(Slo slo, BurnRule rule) {
        Map<String, String> l = base(slo, BURN_RATE, rule.severity().label());
        l.put("long_window", rule.longLabel());
        l.put("short_window", rule.shortLabel());
        return l;
    }

    /** alertname=SLONoData, slo, service, endpoint (when set), severity, plus the SLO's labels. */
    public static Map<String, String> noData(Slo slo, String severity) {
        return base(slo, NO_DATA, severity);
    }

    private static Map<String, String> base(Slo slo, String alertname, String severity) {
        // The SLO's own labels first: Vigil's names win (the validator refuses clashes anyway).
        Map<String, String> l = new TreeMap<>(slo.labels());
        l.put("alertname", alertname);
        l.put("slo", slo.id());
        l.put("service", slo.service());
        if (slo.endpoint() != null) {
            l.put("endpoint", slo.endpoint());
        }
        l.put("severity", severity);
        return l;
    }
}
