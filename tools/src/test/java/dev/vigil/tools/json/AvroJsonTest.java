package dev.vigil.tools.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.deadletter.DeadLetters;
import dev.vigil.avro.serde.VigilSerdes;

class AvroJsonTest {

    private static final Instant T = Instant.parse("2026-03-02T10:15:30.123Z");

    @Test
    void recordsBecomePlainJson() {
        RequestEvent e = RequestEvent.newBuilder().setTimestamp(T).setService("checkout").setEndpoint("GET /carts/{id}")
                .setStatusCode(503).setOutcome(Outcome.AVAILABILITY_ERROR).setLatencyMs(12.5).setSourceFormat("nginx")
                .setSourceTopic("raw.nginx").build();
        JsonNode json = new AvroJson(true).toJson(e);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-03-02T10:15:30.123Z");
        assertThat(json.get("statusCode").asInt()).as("unions unwrapped").isEqualTo(503);
        assertThat(json.get("outcome").asText()).isEqualTo("AVAILABILITY_ERROR");
        assertThat(json.get("region").isNull()).isTrue();
        assertThat(json.get("latencyMs").asDouble()).isEqualTo(12.5);
        assertThat(json.fieldNames()).toIterable().first().isEqualTo("timestamp");
        assertThat(new AvroJson(false).toJson(e).get("timestamp").asLong()).isEqualTo(T.toEpochMilli());
    }

    @Test
    void bytesAreBase64MapsAreObjectsArraysAreArrays() {
        DeadLetter d = DeadLetters.of(DeadLetterReason.OVERSIZED, "big", "ingest-normalizer", DeadLetters.Origin.unknown("raw.alb"),
                new byte[] {0, 1, 2, (byte) 0xFF}, T.toEpochMilli());
        JsonNode json = new AvroJson(true).toJson(d);
        assertThat(Base64.getDecoder().decode(json.get("raw").asText())).containsExactly(0, 1, 2, 0xFF);
        assertThat(json.get("recordTimestamp").isNull()).isTrue();
        assertThat(json.get("sourcePartition").asInt()).isEqualTo(-1);

        Alert a = Alert.newBuilder().setFingerprint("0123456789abcdef").setStatus(AlertStatus.FIRING)
                .setLabels(Map.of("severity", "page")).setSloId("s").setService("svc").setStartsAt(T).setEmittedAt(T).build();
        JsonNode alert = new AvroJson(true).toJson(a);
        assertThat(alert.get("labels").get("severity").asText()).isEqualTo("page");
        assertThat(alert.get("annotations").isObject()).isTrue();
        assertThat(alert.get("endsAt").isNull()).isTrue();
    }

    @Test
    void typesAreFoundByNameTopicOrEmbeddedFingerprint() {
        assertThat(VigilType.parse("RequestEvent")).isEqualTo(VigilType.REQUEST_EVENT);
        assertThat(VigilType.parse("sli-window")).isEqualTo(VigilType.SLI_WINDOW);
        assertThat(VigilType.parse("alerts")).isEqualTo(VigilType.ALERT);
        assertThat(VigilType.forTopic("ingest-dlq")).contains(VigilType.DEAD_LETTER);
        assertThat(VigilType.forTopic("raw.nginx")).isEmpty();
        assertThatThrownBy(() -> VigilType.parse("Foo")).hasMessageContaining("unknown type");
        byte[] encoded = VigilSerdes.embedded().serde(Alert.class).serializer().serialize("x", Alert.newBuilder()
                .setFingerprint("f").setStatus(AlertStatus.RESOLVED).setLabels(Map.of()).setSloId("s").setService("svc")
                .setStartsAt(T).setEmittedAt(T).build());
        assertThat(VigilType.detect(encoded)).contains(VigilType.ALERT);
        assertThat(VigilType.detect("plain text line".getBytes())).isEmpty();
        assertThat(List.of(VigilType.values())).extracting(VigilType::defaultTopic)
                .containsExactly("request-events", "ingest-dlq", "sli-1m", "slo-definitions", "alerts");
    }
}
