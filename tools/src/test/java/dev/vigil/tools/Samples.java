package dev.vigil.tools;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.datadoghq.sketch.ddsketch.DDSketch;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.BurnRateRule;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.Outcome;
import dev.vigil.avro.PeriodKind;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.Severity;
import dev.vigil.avro.SliKind;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.SloDefinition;
import dev.vigil.avro.deadletter.DeadLetters;
import dev.vigil.avro.sketch.LatencySketches;

/** One value of each Vigil Avro type, as the apps write them. */
final class Samples {

    static final Instant T = Instant.parse("2026-03-02T10:15:30.123Z");

    private Samples() {
    }

    static RequestEvent requestEvent() {
        return RequestEvent.newBuilder().setTimestamp(T).setService("checkout").setEndpoint("GET /carts/{id}").setMethod("GET")
                .setRegion("eu-west-1").setStatusCode(503).setOutcome(Outcome.AVAILABILITY_ERROR).setLatencyMs(12.5)
                .setRequestId("abc").setSourceFormat("nginx").setSourceTopic("raw.nginx").build();
    }

    static DeadLetter deadLetter() {
        return DeadLetters.of(DeadLetterReason.UNPARSEABLE, "no match", "ingest-normalizer",
                new DeadLetters.Origin("raw.nginx", 2, 41L, T.toEpochMilli(), "nginx", null),
                "garbage \u0001".getBytes(StandardCharsets.UTF_8), T.toEpochMilli());
    }

    static DDSketch sketch() {
        DDSketch s = LatencySketches.empty();
        for (int i = 1; i <= 100; i++) {
            s.accept(i);
        }
        return s;
    }

    static SliWindow sliWindow() {
        return SliWindow.newBuilder().setService("checkout").setScope(SliScope.ENDPOINT).setEndpoint("GET /carts/{id}")
                .setWindowStart(Instant.parse("2026-03-02T10:15:00Z")).setWindowEnd(Instant.parse("2026-03-02T10:16:00Z")).setTotal(100)
                .setAvailabilityErrors(2).setClientErrors(3).setCount2xx(95).setCount4xx(3).setCount5xx(2).setLatencyCount(100)
                .setLatencyMinMs(1.0).setLatencyMaxMs(100.0).setLatencySumMs(5050).setLatencySketch(LatencySketches.encode(sketch()))
                .setFinal$(true).setUpdatedAt(T).build();
    }

    static SloDefinition sloDefinition() {
        return SloDefinition.newBuilder().setId("checkout-availability").setService("checkout").setSli(SliKind.AVAILABILITY)
                .setTarget(0.999).setPeriod(PeriodKind.ROLLING).setPeriodDays(30)
                .setRules(List.of(new BurnRateRule(Severity.PAGE, 14.4, 3_600_000L, 300_000L)))
                .setLabels(Map.of("team", "payments")).setUpdatedAt(T).build();
    }

    static Alert alert(AlertStatus status, String fingerprint, String service, Instant at) {
        return Alert.newBuilder().setFingerprint(fingerprint).setStatus(status)
                .setLabels(Map.of("alertname", "SLOBurnRate", "slo", service + "-availability", "service", service, "severity", "page",
                        "long_window", "1h", "short_window", "5m"))
                .setSloId(service + "-availability").setService(service).setStartsAt(at.minusSeconds(status == AlertStatus.FIRING ? 0 : 120))
                .setEndsAt(status == AlertStatus.RESOLVED ? at : null).setLongBurnRate(180.5).setShortBurnRate(250.25)
                .setBudgetRemaining(0.42).setEmittedAt(at).build();
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
