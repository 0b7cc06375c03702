package dev.vigil.alerting.codec;

import java.time.Instant;
import java.util.HashMap;

import dev.vigil.alerting.alert.ActiveAlert;
import dev.vigil.alerting.alert.AlertState;
import dev.vigil.alerting.alert.Transition;
import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;

/** Alert transitions as they travel on the {@code alerts} topic (Avro {@link Alert}). */
public final class Alerts {

    private Alerts() {
    }

    /** {@code generatorBase} is this service's public URL; the alert links to its SLO there. */
    public static Alert toAvro(Transition t, String generatorBase, Instant emittedAt) {
        return Alert.newBuilder()
                .setFingerprint(t.fingerprint())
                .setStatus(t.state() == AlertState.FIRING ? AlertStatus.FIRING : AlertStatus.RESOLVED)
                .setLabels(new HashMap<>(t.labels()))
                .setAnnotations(new HashMap<>(t.annotations()))
                .setSloId(t.sloId())
                .setService(t.service())
                .setStartsAt(t.startsAt())
                .setEndsAt(t.endsAt())
                .setGeneratorUrl(generatorUrl(generatorBase, t.sloId()))
                .setLongBurnRate(t.longBurnRate())
                .setShortBurnRate(t.shortBurnRate())
                .setBudgetRemaining(finite(t.budgetRemaining()))
                .setEmittedAt(emittedAt)
                .build();
    }

    public static ActiveAlert active(Alert a) {
        return new ActiveAlert(a.getFingerprint(), a.getLabels(), a.getStartsAt());
    }

    public static String generatorUrl(String base, String sloId) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + "/api/v1/slos/" + java.net.URLEncoder.encode(sloId, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Double finite(Double d) {
        return d == null || d.isNaN() || d.isInfinite() ? null : d;
    }
}
