package dev.vigil.tools.json;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.data.TimeConversions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Avro values as plain JSON for people and scripts: records as objects (fields in schema order),
 * unions as their value (no type wrapper), enums as their symbol, bytes as base64, and
 * {@code timestamp-millis} as ISO-8601 text (or epoch millis with {@code isoTimestamps == false}).
 */
public final class AvroJson {

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final boolean isoTimestamps;
    /** Knows the logical-type classes the generated records hold (Instant, LocalDate, ...), to pick union branches. */
    private final GenericData model = new GenericData();

    public AvroJson(boolean isoTimestamps) {
        this.isoTimestamps = isoTimestamps;
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    }

    public ObjectNode toJson(IndexedRecord record) {
        return (ObjectNode) value(record.getSchema(), record);
    }

    public JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return nodes.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord r = (IndexedRecord) value;
                ObjectNode o = nodes.objectNode();
                for (Schema.Field f : schema.getFields()) {
                    o.set(f.name(), value(f.schema(), r.get(f.pos())));
                }
                yield o;
            }
            case UNION -> value(schema.getTypes().get(model.resolveUnion(schema, value)), value);
            case ENUM, STRING -> nodes.textNode(value.toString());          // also a UUID with its logical type
            case BYTES -> logical == null ? nodes.textNode(base64((ByteBuffer) value)) : nodes.textNode(value.toString());
            case FIXED -> nodes.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case INT -> value instanceof LocalDate d ? nodes.textNode(d.toString()) : nodes.numberNode(((Number) value).intValue());
            case LONG -> timestamp(logical, value);
            case FLOAT -> nodes.numberNode(((Number) value).floatValue());
            case DOUBLE -> nodes.numberNode(((Number) value).doubleValue());
            case BOOLEAN -> nodes.booleanNode((Boolean) value);
            case ARRAY -> {
                ArrayNode a = nodes.arrayNode();
                for (Object item : (Collection<?>) value) {
                    a.add(value(schema.getElementType(), item));
                }
                yield a;
            }
            case MAP -> {
                ObjectNode o = nodes.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    o.set(e.getKey().toString(), value(schema.getValueType(), e.getValue()));
                }
                yield o;
            }
            case NULL -> nodes.nullNode();
        };
    }

    private JsonNode timestamp(LogicalType logical, Object value) {
        if (value instanceof Instant i) {
            return isoTimestamps ? nodes.textNode(i.toString()) : nodes.numberNode(i.toEpochMilli());
        }
        long v = ((Number) value).longValue();
        if (logical != null && isoTimestamps) {
            if (logical.getName().equals("timestamp-millis")) {
                return nodes.textNode(Instant.ofEpochMilli(v).toString());
            }
            if (logical.getName().equals("timestamp-micros")) {
                return nodes.textNode(Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L).toString());
            }
        }
        return nodes.numberNode(v);
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
