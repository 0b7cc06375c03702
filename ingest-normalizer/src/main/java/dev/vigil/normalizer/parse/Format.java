package dev.vigil.normalizer.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The raw formats a source can be configured with; {@link #id()} is the name used in configuration and APIs. */
public enum Format {
    NGINX("nginx", false),
    APACHE("apache", false),
    ENVOY("envoy", true),
    ALB("alb", false),
    OTLP_PROTO("otlp_proto", true),
    OTLP_JSON("otlp_json", true),
    CANONICAL("canonical", true);

    private final String id;
    private final boolean json;

    Format(String id, boolean json) {
        this.id = id;
        this.json = json;
    }

    public String id() {
        return id;
    }

    /** Whether a JSON object that is not a shipper envelope is this format's own JSON (Istio logs, OTLP/JSON, canonical). */
    boolean acceptsJson() {
        return json;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Format::id).toList();
    }

    /** The format named {@code id} (case-insensitive); IllegalArgumentException naming the known ones otherwise. */
    public static Format of(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (f.id.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "'; known formats: " + String.join(", ", ids()));
    }
}
