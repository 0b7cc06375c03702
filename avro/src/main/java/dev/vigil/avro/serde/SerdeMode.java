package dev.vigil.avro.serde;

import java.util.Locale;

/** How Avro values are framed on Kafka. Chosen by the one key {@link VigilSerdes#MODE_KEY}. */
public enum SerdeMode {
    /** Avro single-object encoding (magic C3 01 + schema fingerprint); schemas ship in this jar. */
    EMBEDDED,
    /** Apicurio Registry serdes in the Confluent wire format (magic 0 + 4-byte schema id). */
    REGISTRY;

    public static SerdeMode parse(String value) {
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    VigilSerdes.MODE_KEY + " must be 'embedded' or 'registry', not '" + value + "'", e);
        }
    }
}
