package dev.vigil.avro.serde;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * The one place every Vigil app gets its Avro serdes from. The mode comes from one key,
 * {@value #MODE_KEY} ({@code embedded} by default, or {@code registry}); registry mode passes
 * every {@code apicurio.*} key through, {@code apicurio.registry.url} among them.
 */
public final class VigilSerdes {

    public static final String MODE_KEY = "vigil.serde.mode";
    public static final String REGISTRY_URL_KEY = "apicurio.registry.url";

    private final SerdeMode mode;
    private final Map<String, Object> registryConfig;

    private VigilSerdes(SerdeMode mode, Map<String, Object> registryConfig) {
        this.mode = mode;
        this.registryConfig = Map.copyOf(registryConfig);
    }

    public static VigilSerdes embedded() {
        return new VigilSerdes(SerdeMode.EMBEDDED, Map.of());
    }

    public static VigilSerdes registry(String registryUrl) {
        return fromConfig(Map.of(MODE_KEY, "registry", REGISTRY_URL_KEY, registryUrl));
    }

    /** Reads {@value #MODE_KEY} and, for registry mode, the {@code apicurio.*} keys of {@code config}. */
    public static VigilSerdes fromConfig(Map<String, ?> config) {
        Object rawMode = config.get(MODE_KEY);
        SerdeMode mode = SerdeMode.parse(rawMode == null ? null : rawMode.toString());
        Map<String, Object> registry = new HashMap<>();
        if (mode == SerdeMode.REGISTRY) {
            config.forEach((k, v) -> {
                if (k.startsWith("apicurio.") && v != null) {
                    registry.put(k, v);
                }
            });
            Object url = registry.get(REGISTRY_URL_KEY);
            if (url == null || url.toString().isBlank()) {
                throw new IllegalArgumentException(MODE_KEY + "=registry needs " + REGISTRY_URL_KEY);
            }
            registry.putIfAbsent("apicurio.registry.auto-register", "true");
            registry.putIfAbsent("apicurio.registry.use-specific-avro-reader", "true");
            // One self-contained schema per subject (no references to nested enums and records), so
            // any Confluent-wire-format reader can decode with the schema it fetches by id.
            registry.putIfAbsent("apicurio.registry.dereference-schema", "true");
        }
        return new VigilSerdes(mode, registry);
    }

    public SerdeMode mode() {
        return mode;
    }

    /** A value serde for {@code type}. */
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return serde(type, false);
    }

    /** A serde for {@code type}, as a record key when {@code isKey}. */
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
        return switch (mode) {
            case EMBEDDED -> new SingleObjectSerde<>(type);
            case REGISTRY -> registrySerde(type, isKey);
        };
    }

    private <T extends SpecificRecord> Serde<T> registrySerde(Class<T> type, boolean isKey) {
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        Map<String, Object> cfg = new HashMap<>(registryConfig);
        cfg.put(isKey ? "apicurio.registry.deserializer.key.return-class" : "apicurio.registry.deserializer.value.return-class",
                type.getName());
        serializer.configure(cfg, isKey);
        deserializer.configure(cfg, isKey);
        return Serdes.serdeFrom(RegistryRetry.serializer(serializer), RegistryRetry.deserializer(deserializer));
    }
}
