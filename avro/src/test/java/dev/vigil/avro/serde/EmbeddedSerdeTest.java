package dev.vigil.avro.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;

class EmbeddedSerdeTest {

    static RequestEvent event() {
        return RequestEvent.newBuilder()
                .setTimestamp(Instant.parse("2026-11-29T10:15:30.123Z"))
                .setService("checkout")
                .setEndpoint("GET /carts/{id}")
                .setMethod("GET")
                .setRegion("eu-west-1")
                .setStatusCode(503)
                .setOutcome(Outcome.AVAILABILITY_ERROR)
                .setLatencyMs(12.5)
                .setRequestId("abc-123")
                .setSourceFormat("envoy")
                .setSourceTopic("raw.envoy")
                .build();
    }

    @Test
    void defaultModeIsEmbeddedSingleObjectEncoding() {
        VigilSerdes serdes = VigilSerdes.fromConfig(Map.of());
        assertEquals(SerdeMode.EMBEDDED, serdes.mode());
        byte[] bytes = serdes.serde(RequestEvent.class).serializer().serialize("t", event());
        // Avro single-object encoding starts with the marker C3 01.
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
    }

    @Test
    void roundTripsEveryField() {
        Serde<RequestEvent> serde = VigilSerdes.embedded().serde(RequestEvent.class);
        RequestEvent back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", event()));
        assertEquals(event(), back);
        assertEquals(Instant.parse("2026-11-29T10:15:30.123Z"), back.getTimestamp());
    }

    @Test
    void nullIsATombstoneBothWays() {
        Serde<Alert> serde = VigilSerdes.embedded().serde(Alert.class);
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    void corruptBytesAreASerializationException() {
        Serde<RequestEvent> serde = VigilSerdes.embedded().serde(RequestEvent.class);
        byte[] good = serde.serializer().serialize("t", event());
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", truncated));
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", "not avro".getBytes()));
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", new byte[0]));
    }

    @Test
    void anUnknownWriterSchemaIsRefusedWithItsReason() throws Exception {
        Schema stranger = SchemaBuilder.record("RequestEvent").namespace("dev.vigil.avro").fields()
                .requiredString("service").endRecord();
        GenericRecord record = new GenericData.Record(stranger);
        record.put("service", "x");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(record).array();
        SerializationException e = assertThrows(SerializationException.class,
                () -> VigilSerdes.embedded().serde(RequestEvent.class).deserializer().deserialize("t", bytes));
        assertTrue(e.getMessage().contains("MissingSchemaException"), e.getMessage());
    }

    @Test
    void mapsAndEnumsRoundTrip() {
        Alert alert = Alert.newBuilder().setFingerprint("0123456789abcdef").setStatus(AlertStatus.FIRING)
                .setLabels(Map.of("alertname", "SLOBurnRate", "severity", "page")).setAnnotations(Map.of("summary", "s"))
                .setSloId("checkout-availability").setService("checkout").setStartsAt(Instant.ofEpochMilli(1000))
                .setEmittedAt(Instant.ofEpochMilli(2000)).build();
        Serde<Alert> serde = VigilSerdes.embedded().serde(Alert.class);
        assertEquals(alert, serde.deserializer().deserialize("a", serde.serializer().serialize("a", alert)));
    }

    @Test
    void unknownModeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VigilSerdes.fromConfig(Map.of(VigilSerdes.MODE_KEY, "protobuf")));
        assertTrue(e.getMessage().contains("'embedded' or 'registry'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VigilSerdes.fromConfig(Map.of(VigilSerdes.MODE_KEY, "registry")));
    }

    @Test
    void serializedBytesAreStable() {
        Serde<RequestEvent> serde = VigilSerdes.embedded().serde(RequestEvent.class);
        assertArrayEquals(serde.serializer().serialize("t", event()), serde.serializer().serialize("t", event()));
    }
}
