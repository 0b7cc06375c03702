package dev.vigil.k8s;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Objects with their fields sorted, so that two renderings compare (and print) field order aside. */
final class Canonical {

    private Canonical() {
    }

    static ObjectNode sorted(ObjectNode o) {
        return (ObjectNode) sort(o);
    }

    private static JsonNode sort(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            names.forEach(name -> out.set(name, sort(o.get(name))));
            return out;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            a.forEach(item -> out.add(sort(item)));
            return out;
        }
        return n;
    }
}
