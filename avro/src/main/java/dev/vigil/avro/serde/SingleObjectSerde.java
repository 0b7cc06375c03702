package dev.vigil.avro.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding: no registry, the writer schema is identified by its 64-bit
 * fingerprint and must be the schema this jar was built with; any other writer is refused with a
 * {@link SerializationException} (the app dead-letters it). Null stays null (tombstones).
 */
final class SingleObjectSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    SingleObjectSerde(Class<T> type) {
        this.type = type;
        // The class loader of the generated class, not Avro's: under Quarkus tests the two differ, and
        // Avro's own would resolve a second copy of the class.
        SpecificData model = new SpecificData(type.getClassLoader());
        // ... with the logical-type conversions (Instant for timestamp-millis) of the generated class.
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(data);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            // MissingSchemaException (unknown writer), BadHeaderException, truncated or corrupt bytes.
            throw new SerializationException("cannot decode " + type.getSimpleName() + " from topic " + topic + ": " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the schema comes from the generated class
    }

    @Override
    public void close() {
        // stateless
    }
}
