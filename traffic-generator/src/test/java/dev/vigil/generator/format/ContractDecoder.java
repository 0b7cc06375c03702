package dev.vigil.generator.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Reads raw records back the way the contract says the normalizer's DEFAULT configuration does:
 * service and region from the envelope, {@code [ns-service-port]}, the authority or Istio upstream
 * cluster, the target group ARN, the ELB name, OTLP resource attributes; endpoints templated by the
 * contract's rules. Written independently of the generator's encoders (test code only), so that a
 * round trip proves the raw records say what the ground truth counts.
 */
public final class ContractDecoder {

    /** One request event read back. {@code status} null = no HTTP response. */
    public record Event(long timestampMillis, String service, String region, String endpoint, Integer status, Integer grpc,
            Double latencyMs, String requestId) {
    }

    /** What one record held: its request events, and the spans skipped on purpose. */
    public record Decoded(List<Event> events, int skipped) {
    }

    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"(\\S+) (\\S+) (\\S+)\" (\\d{3}) (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"(.*)$");
    private static final Pattern TIMED = Pattern.compile("^ (\\d+\\.\\d{3}) (\\d+\\.\\d{3}|-)$");
    private static final Pattern INGRESS = Pattern.compile("^ (\\d+) (\\d+\\.\\d{3}) \\[([^\\]]*)\\] \\[([^\\]]*)\\] (.+) ([0-9a-f]{32})$");
    private static final Pattern APACHE_D = Pattern.compile("^ (\\d+)$");
    private static final Pattern ENVOY = Pattern.compile("^\\[([^\\]]+)\\] \"(\\S+) (\\S+) (\\S+)\" (\\d+) (\\S+) (\\d+) (\\d+) (\\d+) (\\S+) "
            + "\"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\"$");
    private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern NUMBER = Pattern.compile("^\\d+$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]{8,}$");
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{16,}$");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final ObjectMapper json = new ObjectMapper();

    /** Decodes a record of {@code topic}; throws on anything the normalizer would dead-letter. */
    public Decoded decode(String topic, byte[] value) throws IOException {
        if (topic.equals("raw.otlp")) {
            return otlp(value);
        }
        String text = utf8(value);
        return new Decoded(List.of(switch (topic) {
            case "raw.nginx" -> nginx(text);
            case "raw.apache" -> apache(text);
            case "raw.envoy" -> envoy(text);
            case "raw.alb" -> alb(text);
            case "raw.events" -> canonical(text);
            default -> throw new IOException("unknown topic " + topic);
        }), 0);
    }

    /** The contract's endpoint templating: ids become {id}, the query string goes. */
    public static String template(String method, String rawPath) {
        String path = rawPath;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            out.append('/').append(isId(segments[i]) ? "{id}" : segments[i]);
        }
        return method + " " + (out.length() == 0 ? "/" : out);
    }

    static boolean isId(String s) {
        return NUMBER.matcher(s).matches() || UUID.matcher(s).matches() || HEX.matcher(s).matches()
                || TOKEN.matcher(s).matches() && s.chars().anyMatch(Character::isDigit);
    }

    private JsonNode envelope(String text) throws IOException {
        JsonNode env = json.readTree(text);
        if (env == null || !env.isObject()) {
            throw new IOException("not an envelope");
        }
        return env;
    }

    private static String line(JsonNode env) throws IOException {
        JsonNode line = env.has("message") ? env.get("message") : env.get("log");
        if (line == null || !line.isTextual()) {
            throw new IOException("envelope without message/log");
        }
        return line.asText();
    }

    private static String text(JsonNode env, String field) {
        JsonNode v = env.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private Event nginx(String text) throws IOException {
        JsonNode env = envelope(text);
        Matcher m = match(COMBINED, line(env));
        long ts = OffsetDateTime.parse(m.group(2), CLF).toInstant().toEpochMilli();
        String endpoint = template(m.group(3), m.group(4));
        int status = Integer.parseInt(m.group(6));
        String rest = m.group(10);
        String service = text(env, "service");
        String region = text(env, "region");
        if (rest.isEmpty()) {
            return new Event(ts, service == null ? "nginx" : service, region, endpoint, status, null, null, null);
        }
        Matcher timed = TIMED.matcher(rest);
        if (timed.matches()) {
            return new Event(ts, service == null ? "nginx" : service, region, endpoint, status, null, millis(timed.group(1), 3), null);
        }
        Matcher ingress = match(INGRESS, rest);
        String[] upstream = ingress.group(3).split("-");
        if (service == null && upstream.length >= 3) {
            service = String.join("-", java.util.Arrays.copyOfRange(upstream, 1, upstream.length - 1));
        }
        return new Event(ts, service, region, endpoint, status, null, millis(ingress.group(2), 3), ingress.group(6));
    }

    private Event apache(String text) throws IOException {
        JsonNode env = envelope(text);
        Matcher m = match(COMBINED, line(env));
        Matcher d = match(APACHE_D, m.group(10));
        String service = text(env, "service");
        return new Event(OffsetDateTime.parse(m.group(2), CLF).toInstant().toEpochMilli(), service == null ? "apache" : service,
                text(env, "region"), template(m.group(3), m.group(4)), Integer.parseInt(m.group(6)), null,
                new BigDecimal(d.group(1)).movePointLeft(3).doubleValue(), null);
    }

    private Event envoy(String text) throws IOException {
        JsonNode env = envelope(text);
        String line = line(env);
        String region = text(env, "region");
        if (line.startsWith("{")) {
            JsonNode o = json.readTree(line);
            int code = o.get("response_code").asInt();
            String cluster = text(o, "upstream_cluster");
            String service = cluster != null && cluster.startsWith("outbound|") ? firstLabel(cluster.split("\\|")[3])
                    : firstLabel(o.get("authority").asText());
            return new Event(Instant.parse(o.get("start_time").asText()).toEpochMilli(), service, region,
                    template(o.get("method").asText(), o.get("path").asText()), code == 0 ? null : code, null,
                    (double) o.get("duration").asLong(), o.get("request_id").asText());
        }
        Matcher m = match(ENVOY, line);
        int code = Integer.parseInt(m.group(5));
        return new Event(Instant.parse(m.group(1)).toEpochMilli(), firstLabel(m.group(14)), region, template(m.group(2), m.group(3)),
                code == 0 ? null : code, null, (double) Long.parseLong(m.group(9)), m.group(13));
    }

    private static String firstLabel(String host) {
        int colon = host.indexOf(':');
        String h = colon < 0 ? host : host.substring(0, colon);
        int dot = h.indexOf('.');
        return dot < 0 ? h : h.substring(0, dot);
    }

    private Event alb(String text) throws IOException {
        if (text.startsWith("{")) {
            JsonNode env = envelope(text);
            List<String> f = fields(line(env));
            if (f.size() != 15) {
                throw new IOException("ELB line with " + f.size() + " fields");
            }
            String[] request = f.get(11).split(" ");
            double latency = new BigDecimal(f.get(4)).add(new BigDecimal(f.get(5))).add(new BigDecimal(f.get(6))).movePointRight(3)
                    .doubleValue();
            return new Event(Instant.parse(f.get(0)).toEpochMilli(), f.get(1), text(env, "region"), template(request[0], pathOf(request[1])),
                    Integer.parseInt(f.get(8)), null, latency, null);
        }
        List<String> f = fields(text);
        if (f.size() != 30) {
            throw new IOException("ALB line with " + f.size() + " fields");
        }
        String arn = f.get(16);
        String[] arnParts = arn.split(":");
        String tg = arnParts[5];                              // targetgroup/<name>/<id>
        String service = tg.split("/")[1];
        String[] request = f.get(12).split(" ");
        boolean noTarget = f.get(5).equals("-1") || f.get(9).equals("-");
        Double latency = noTarget ? null : new BigDecimal(f.get(5)).add(new BigDecimal(f.get(6))).add(new BigDecimal(f.get(7)))
                .movePointRight(3).doubleValue();
        String root = f.get(17).substring(f.get(17).indexOf("Root=") + 5);
        long created = Instant.parse(f.get(21)).toEpochMilli();
        if (Math.floorDiv(created, 60_000L) != Math.floorDiv(Instant.parse(f.get(1)).toEpochMilli(), 60_000L)) {
            throw new IOException("ALB time and request_creation_time in different minutes");
        }
        return new Event(created, service, arnParts[3], template(request[0], pathOf(request[1])),
                noTarget ? null : Integer.valueOf(f.get(9)), null, latency, root);
    }

    /** The path of an absolute request URL ({@code https://host:443/path?q}). */
    private static String pathOf(String url) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme + 3);
        return url.substring(slash);
    }

    private Event canonical(String text) throws IOException {
        JsonNode o = json.readTree(text);
        JsonNode ts = o.get("timestamp");
        long t = ts.isNumber() ? ts.asLong() : Instant.parse(ts.asText()).toEpochMilli();
        String endpoint = o.hasNonNull("endpoint") ? o.get("endpoint").asText() : template(o.get("method").asText(), o.get("path").asText());
        return new Event(t, o.get("service").asText(), text(o, "region"), endpoint,
                o.get("statusCode").isNull() ? null : o.get("statusCode").asInt(),
                o.get("grpcStatus").isNull() ? null : o.get("grpcStatus").asInt(),
                o.get("latencyMs").isNull() ? null : o.get("latencyMs").asDouble(), text(o, "requestId"));
    }

    private Decoded otlp(byte[] value) throws IOException {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(value);
        List<Event> events = new ArrayList<>();
        int skipped = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = attr(rs.getResource().getAttributesList(), "service.name");
            String region = attr(rs.getResource().getAttributesList(), "cloud.region");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    if (span.getKind() != Span.SpanKind.SPAN_KIND_SERVER) {
                        skipped++;
                        continue;
                    }
                    List<KeyValue> a = span.getAttributesList();
                    String method = attr(a, "http.request.method") != null ? attr(a, "http.request.method") : attr(a, "http.method");
                    String route = attr(a, "http.route");
                    String endpoint = route != null ? template(method, route) : span.getName();
                    Integer status = intAttr(a, "http.response.status_code");
                    if (status == null) {
                        status = intAttr(a, "http.status_code");
                    }
                    Integer grpc = intAttr(a, "rpc.grpc.status_code");
                    long nanos = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
                    events.add(new Event(span.getStartTimeUnixNano() / 1_000_000L, service, region, endpoint, status, grpc,
                            nanos / 1_000_000.0, HexFormat.of().formatHex(span.getSpanId().toByteArray())));
                }
            }
        }
        return new Decoded(events, skipped);
    }

    private static String attr(List<KeyValue> attrs, String key) {
        for (KeyValue kv : attrs) {
            if (kv.getKey().equals(key)) {
                AnyValue v = kv.getValue();
                return v.hasStringValue() ? v.getStringValue() : v.hasIntValue() ? Long.toString(v.getIntValue()) : null;
            }
        }
        return null;
    }

    private static Integer intAttr(List<KeyValue> attrs, String key) {
        String v = attr(attrs, key);
        return v == null ? null : Integer.valueOf(v);
    }

    /** Splits on spaces, keeping "quoted fields" whole (without their quotes). */
    static List<String> fields(String line) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == '"') {
                int close = line.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IOException("unterminated quote");
                }
                out.add(line.substring(i + 1, close));
                i = close + 2;
            } else {
                int space = line.indexOf(' ', i);
                int end = space < 0 ? line.length() : space;
                out.add(line.substring(i, end));
                i = end + 1;
            }
        }
        return out;
    }

    private static Double millis(String seconds, int decimals) {
        return new BigDecimal(seconds).movePointRight(decimals).doubleValue();
    }

    private static Matcher match(Pattern p, String s) throws IOException {
        Matcher m = p.matcher(s);
        if (!m.matches()) {
            throw new IOException("does not match " + p.pattern().substring(0, 20) + "...: " + s);
        }
        return m;
    }

    private static String utf8(byte[] value) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("invalid UTF-8", e);
        }
    }
}
