package dev.vigil.normalizer.topology;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import dev.vigil.avro.RequestEvent;

/**
 * The serde of the internal repartition topic (written and read only by this app): Avro
 * single-object encoding whatever {@code vigil.serde.mode} says, so the hop between the two
 * stages never needs the registry. Its SpecificData resolves record classes with the loader of the
 * generated classes: under Quarkus test and dev mode, Avro's default (its own loader) finds a
 * second copy of {@link RequestEvent} on the system class path and decoding fails.
 */
final class InternalEventSerde implements Serde<RequestEvent>, Serializer<RequestEvent>, Deserializer<RequestEvent> {

    private final BinaryMessageEncoder<RequestEvent> encoder;
    private final BinaryMessageDecoder<RequestEvent> decoder;

    InternalEventSerde() {
        SpecificData model = new SpecificData(RequestEvent.class.getClassLoader());
        encoder = new BinaryMessageEncoder<>(model, RequestEvent.getClassSchema());
        decoder = new BinaryMessageDecoder<>(model, RequestEvent.getClassSchema());
    }

    @Override
    public byte[] serialize(String topic, RequestEvent data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(data);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException("cannot encode RequestEvent for " + topic, e);
        }
    }

    @Override
    public RequestEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode RequestEvent from " + topic + ": " + e, e);
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // stateless
    }

    @Override
    public Serializer<RequestEvent> serializer() {
        return this;
    }

    @Override
    public Deserializer<RequestEvent> deserializer() {
        return this;
    }
}
