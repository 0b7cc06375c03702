package dev.vigil.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema stays BACKWARD (new reader, old writer) and FORWARD (old reader, new writer)
 * compatible with its last released version under {@code schemas/baseline}.
 */
class SchemaCompatibilityTest {

    static Stream<Class<?>> contracts() {
        return Stream.of(RequestEvent.class, DeadLetter.class, SliWindow.class, SloDefinition.class, Alert.class);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void currentSchemaIsBackwardAndForwardCompatibleWithBaseline(Class<?> type) throws IOException {
        Schema current = SpecificData.get().getSchema(type);
        Schema baseline = load("schemas/baseline/" + current.getName() + ".avsc");
        assertEquals(List.of(), problems(baseline, current), "compatibility problems of " + current.getName());
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void everyFieldHasADocAndOptionalFieldsHaveDefaults(Class<?> type) {
        Schema current = SpecificData.get().getSchema(type);
        for (Schema.Field field : allFields(current)) {
            assertNotNull(field.doc(), current.getName() + "." + field.name() + " has no doc");
            if (field.schema().isNullable()) {
                assertTrue(field.hasDefaultValue(), current.getName() + "." + field.name() + " is nullable without a default");
            }
        }
    }

    @Test
    void aDeliberatelyIncompatibleChangeIsCaught() throws IOException {
        Schema baseline = load("schemas/baseline/RequestEvent.avsc");
        // A new required field without a default: new readers cannot read old records (BACKWARD).
        Schema addedRequired = load("schemas/incompatible/RequestEvent-added-required-field.avsc");
        // A field whose type changed from string to int: neither direction resolves.
        Schema changedType = load("schemas/incompatible/RequestEvent-changed-type.avsc");

        List<String> required = problems(baseline, addedRequired);
        assertFalse(required.isEmpty());
        assertTrue(required.stream().anyMatch(p -> p.startsWith("BACKWARD")), required.toString());

        List<String> changed = problems(baseline, changedType);
        assertTrue(changed.stream().anyMatch(p -> p.startsWith("BACKWARD")), changed.toString());
        assertTrue(changed.stream().anyMatch(p -> p.startsWith("FORWARD")), changed.toString());
    }

    /** Empty when {@code candidate} can replace {@code previous} in both directions. */
    static List<String> problems(Schema previous, Schema candidate) {
        List<String> problems = new ArrayList<>();
        var backward = SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous);
        if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add("BACKWARD: " + backward.getResult().getIncompatibilities());
        }
        var forward = SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate);
        if (forward.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add("FORWARD: " + forward.getResult().getIncompatibilities());
        }
        return problems;
    }

    private static List<Schema.Field> allFields(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        collect(schema, fields, new ArrayList<>());
        return fields;
    }

    private static void collect(Schema schema, List<Schema.Field> into, List<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.contains(schema.getFullName())) {
                    return;
                }
                seen.add(schema.getFullName());
                for (Schema.Field f : schema.getFields()) {
                    into.add(f);
                    collect(f.schema(), into, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(s -> collect(s, into, seen));
            case ARRAY -> collect(schema.getElementType(), into, seen);
            case MAP -> collect(schema.getValueType(), into, seen);
            default -> { }
        }
    }

    private static Schema load(String resource) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            return new Schema.Parser().parse(in);
        }
    }
}
