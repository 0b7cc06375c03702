package dev.vigil.tools.json;

import java.util.Locale;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.SloDefinition;

/** The Avro value types of Vigil's topics, and which topic carries which by default. */
public enum VigilType {
    REQUEST_EVENT("request-events", RequestEvent.class, RequestEvent.getClassSchema()),
    DEAD_LETTER("ingest-dlq", DeadLetter.class, DeadLetter.getClassSchema()),
    SLI_WINDOW("sli-1m", SliWindow.class, SliWindow.getClassSchema()),
    SLO_DEFINITION("slo-definitions", SloDefinition.class, SloDefinition.getClassSchema()),
    ALERT("alerts", Alert.class, Alert.getClassSchema());

    private final String defaultTopic;
    private final Class<? extends SpecificRecord> type;
    private final long fingerprint;

    VigilType(String defaultTopic, Class<? extends SpecificRecord> type, Schema schema) {
        this.defaultTopic = defaultTopic;
        this.type = type;
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    public Class<? extends SpecificRecord> type() {
        return type;
    }

    public static Optional<VigilType> forTopic(String topic) {
        for (VigilType t : values()) {
            if (t.defaultTopic.equals(topic)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@code RequestEvent}, {@code request-event}, {@code REQUEST_EVENT}, or a default topic name. */
    public static VigilType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (VigilType t : values()) {
            if (t.type.getSimpleName().toLowerCase(Locale.ROOT).equals(n) || t.name().replace("_", "").toLowerCase(Locale.ROOT).equals(n)
                    || t.defaultTopic.replace("-", "").equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + name + "' (RequestEvent, DeadLetter, SliWindow, SloDefinition, Alert, raw)");
    }

    /** The type of an Avro single-object encoded value (C3 01 + fingerprint of one of the schemas), if any. */
    public static Optional<VigilType> detect(byte[] value) {
        if (value == null || value.length < 10 || (value[0] & 0xFF) != 0xC3 || value[1] != 0x01) {
            return Optional.empty();
        }
        long fp = 0;
        for (int i = 9; i >= 2; i--) {
            fp = (fp << 8) | (value[i] & 0xFF);
        }
        for (VigilType t : values()) {
            if (t.fingerprint == fp) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
