package dev.vigil.normalizer.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** Strict JSON reading for the JSON formats, with typed field access that rejects wrong types as INVALID_VALUE. */
final class Json {

    /** Immutable; Jackson's default limits (nesting depth 1000, ...) keep hostile documents cheap. */
    private static final ObjectReader READER = new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    static JsonNode parse(String text) {
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw Reject.unparseable("empty JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw Reject.unparseable("invalid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw Reject.unparseable("invalid JSON: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    static JsonNode field(JsonNode obj, String... names) {
        for (String n : names) {
            JsonNode v = obj.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    /** A string (numbers and booleans as their text); null when absent or null; INVALID_VALUE for objects and arrays. */
    static String string(JsonNode obj, String... names) {
        JsonNode v = field(obj, names);
        if (v == null) {
            return null;
        }
        if (v.isContainerNode()) {
            throw Reject.invalid("'" + names[0] + "' must be a string");
        }
        return v.asText();
    }

    /** An integer, as a JSON number or a numeric string; null when absent; INVALID_VALUE otherwise. */
    static Long integer(JsonNode obj, String... names) {
        JsonNode v = field(obj, names);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            String t = v.asText().trim();
            boolean plain = !t.isEmpty() && t.length() <= 20;
            for (int i = 0; plain && i < t.length(); i++) {
                char c = t.charAt(i);
                plain = (c >= '0' && c <= '9') || (i == 0 && c == '-' && t.length() > 1);
            }
            if (plain) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    // out of range: reported below
                }
            }
        }
        throw Reject.invalid("'" + names[0] + "' must be an integer, got " + Reject.excerpt(v.toString()));
    }

    /** A finite number (or numeric string); null when absent; INVALID_VALUE otherwise. */
    static Double number(JsonNode obj, String... names) {
        JsonNode v = field(obj, names);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            if (Double.isFinite(d)) {
                return d;
            }
        } else if (v.isTextual()) {
            return Text.decimal(v.asText().trim(), "'" + names[0] + "'");
        }
        throw Reject.invalid("'" + names[0] + "' must be a number, got " + Reject.excerpt(v.toString()));
    }
}
