package dev.vigil.alerting.alertmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.vigil.avro.Alert;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts}. Firing alerts carry endsAt = now + 4 x
 * the resend interval, so Alertmanager ends them by itself if Vigil stops resending; resolved
 * ones carry their resolution time. Resolutions go first and are left out for fingerprints that
 * fire again, so that an old resolution never ends a newer firing.
 */
public final class AlertmanagerPayload {

    private AlertmanagerPayload() {
    }

    public static List<Map<String, Object>> of(List<Alert> firing, List<Alert> resolved, Instant now, Duration resendInterval) {
        Set<String> firingFps = firing.stream().map(Alert::getFingerprint).collect(Collectors.toSet());
        Map<String, Alert> latestResolved = new LinkedHashMap<>();
        for (Alert a : resolved) {
            if (firingFps.contains(a.getFingerprint())) {
                continue;
            }
            latestResolved.merge(a.getFingerprint(), a, (x, y) -> x.getEndsAt().isAfter(y.getEndsAt()) ? x : y);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : latestResolved.values()) {
            Instant ends = a.getEndsAt().isAfter(now) ? now : a.getEndsAt();
            out.add(entry(a, ends));
        }
        Instant ends = now.plus(resendInterval.multipliedBy(4));
        for (Alert a : firing) {
            out.add(entry(a, ends));
        }
        return out;
    }

    private static Map<String, Object> entry(Alert a, Instant endsAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", a.getLabels());
        m.put("annotations", a.getAnnotations());
        m.put("startsAt", a.getStartsAt().toString());
        m.put("endsAt", endsAt.toString());
        if (a.getGeneratorUrl() != null) {
            m.put("generatorURL", a.getGeneratorUrl());
        }
        return m;
    }
}
