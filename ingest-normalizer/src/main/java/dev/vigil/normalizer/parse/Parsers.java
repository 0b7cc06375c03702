package dev.vigil.normalizer.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.avro.DeadLetterReason;

/**
 * Entry point of the parsers: one raw record of a source with format {@code format} to its items.
 * Unwraps shipper envelopes (a JSON object with the line under {@code message} or {@code log}, plus
 * optional {@code service}, {@code region}, {@code host}), splits text records into lines, and
 * detects OTLP/JSON by its first byte. Never throws for bad input: failures are items.
 */
public final class Parsers {

    private final NginxParser nginx = new NginxParser();
    private final ApacheParser apache = new ApacheParser();
    private final EnvoyParser envoy = new EnvoyParser();
    private final AlbParser alb = new AlbParser();
    private final OtlpParser otlp = new OtlpParser();
    private final CanonicalParser canonical = new CanonicalParser();

    public List<Parsed> parse(Format format, byte[] value) {
        try {
            if (value == null || value.length == 0) {
                throw Reject.missing("empty record");
            }
            boolean json = firstNonSpace(value) == '{';
            if (format == Format.OTLP_PROTO || format == Format.OTLP_JSON) {
                return json ? otlp.parseJson(Json.parse(Text.utf8(value))) : otlp.parseProto(value);
            }
            String text = Text.utf8(value);
            if (json) {
                return fromJson(format, Json.parse(text));
            }
            if (format == Format.CANONICAL) {
                throw Reject.unparseable("canonical events are JSON objects");
            }
            return lines(format, text, Envelope.NONE);
        } catch (Reject r) {
            return List.of(new Parsed.Failure(null, r.reason(), r.getMessage(), null));
        }
    }

    private List<Parsed> fromJson(Format format, JsonNode node) {
        if (!node.isObject()) {
            throw Reject.unparseable("expected a JSON object");
        }
        JsonNode inner = Json.field(node, "message", "log");
        if (inner != null) {
            Envelope envelope = new Envelope(Text.orNull(Json.string(node, "service")), Text.orNull(Json.string(node, "region")),
                    Text.orNull(Json.string(node, "host")));
            if (inner.isObject()) {
                if (!format.acceptsJson() || format == Format.OTLP_PROTO) {
                    throw new Reject(DeadLetterReason.UNKNOWN_FORMAT, "envelope carries a JSON object, but format " + format.id()
                            + " is a text log line");
                }
                return json(format, inner, envelope);
            }
            if (!inner.isTextual()) {
                throw Reject.invalid("envelope 'message'/'log' must be a string or an object");
            }
            String line = inner.asText();
            String stripped = line.strip();
            if (stripped.startsWith("{") && format.acceptsJson()) {
                return json(format, Json.parse(stripped), envelope);
            }
            if (format == Format.CANONICAL) {
                throw Reject.unparseable("canonical events are JSON objects");
            }
            return lines(format, line, envelope);
        }
        if (!format.acceptsJson()) {
            throw new Reject(DeadLetterReason.UNKNOWN_FORMAT, "a JSON object without 'message' or 'log' is not a shipper envelope, and "
                    + format.id() + " is a text log format");
        }
        return json(format, node, Envelope.NONE);
    }

    private List<Parsed> json(Format format, JsonNode node, Envelope envelope) {
        return switch (format) {
            case ENVOY -> List.of(envoy.parseJson(node, envelope, null));
            case CANONICAL -> List.of(canonical.parse(node, envelope, null));
            case OTLP_JSON, OTLP_PROTO -> otlp.parseJson(node);
            default -> throw new Reject(DeadLetterReason.UNKNOWN_FORMAT, format.id() + " is not a JSON format");
        };
    }

    /** One item per non-blank line; items get an index only when the record holds several lines. */
    private List<Parsed> lines(Format format, String text, Envelope envelope) {
        int firstBreak = text.indexOf('\n');
        if (firstBreak < 0 || text.substring(firstBreak).isBlank()) {
            String line = firstBreak < 0 ? text : text.substring(0, firstBreak);
            if (line.isBlank()) {
                throw Reject.missing("blank record");
            }
            return List.of(line(format, line, envelope, null));
        }
        List<Parsed> out = new ArrayList<>();
        int index = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int i = index++;
            try {
                out.add(line(format, line, envelope, i));
            } catch (Reject r) {
                out.add(new Parsed.Failure(i, r.reason(), r.getMessage(), line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (out.isEmpty()) {
            throw Reject.missing("blank record");
        }
        return out;
    }

    private Parsed line(Format format, String line, Envelope envelope, Integer index) {
        return switch (format) {
            case NGINX -> nginx.parse(line, envelope, index);
            case APACHE -> apache.parse(line, envelope, index);
            case ENVOY -> line.strip().startsWith("{") ? envoy.parseJson(Json.parse(line), envelope, index)
                    : envoy.parseText(line, envelope, index);
            case ALB -> alb.parse(line, envelope, index);
            default -> throw Reject.unparseable(format.id() + " records are not text lines");
        };
    }

    private static int firstNonSpace(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b;
            }
        }
        return -1;
    }
}
