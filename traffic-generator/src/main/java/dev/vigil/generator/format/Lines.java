package dev.vigil.generator.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vigil.generator.model.GeneratedRequest;
import dev.vigil.generator.model.RawFormat;

/**
 * The text formats, written as their documentation defines them, and how each travels on its raw
 * topic (the contract's shipper envelopes):
 * <ul>
 * <li>nginx combined and timed, Apache: {@code {"message": line, "service", "region", "host"}} (the
 * envelope names the service);</li>
 * <li>ingress-nginx, Envoy text, Istio JSON: {@code {"log": line, "region", "host"}} (the service comes
 * from the line: {@code [prod-<service>-80]}, the authority, the upstream cluster);</li>
 * <li>Classic ELB: {@code {"message": line, "region"}} (the load balancer name is the service);</li>
 * <li>ALB lines and canonical JSON: as they are (the ARN carries service and region).</li>
 * </ul>
 */
final class Lines {

    private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    static final String ACCOUNT = "123456789012";

    private final ObjectMapper json = new ObjectMapper();
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedRegion = "";
    private String cachedTime = "";

    byte[] record(GeneratedRequest r) {
        return switch (r.format()) {
            case NGINX_COMBINED -> envelope("message", nginx(r, false), r, true);
            case NGINX_TIMED -> envelope("message", nginx(r, true), r, true);
            case INGRESS_NGINX -> envelope("log", ingress(r), r, false);
            case APACHE -> envelope("message", apache(r), r, true);
            case ENVOY_TEXT -> envelope("log", envoy(r), r, false);
            case ISTIO_JSON -> envelope("log", istio(r), r, false);
            case ALB -> alb(r).getBytes(StandardCharsets.UTF_8);
            case ELB_CLASSIC -> envelope("message", elb(r), r, false);
            case CANONICAL -> canonical(r);
            case OTLP_HTTP, OTLP_GRPC -> throw new IllegalArgumentException("OTLP is not a line format");
        };
    }

    private byte[] envelope(String field, String line, GeneratedRequest r, boolean withService) {
        ObjectNode env = json.createObjectNode();
        env.put(field, line);
        if (withService) {
            env.put("service", r.service());
        }
        env.put("region", r.region());
        if (r.format() != RawFormat.ELB_CLASSIC) {
            env.put("host", r.host());
        }
        return bytes(env);
    }

    /** {@code $time_local}: the local time of the server, with its offset (requests come in time order: cache the second). */
    String timeLocal(long epochMillis, String region) {
        long second = Math.floorDiv(epochMillis, 1000L);
        if (second != cachedSecond || !region.equals(cachedRegion)) {
            cachedTime = NGINX_TIME.format(Instant.ofEpochSecond(second).atOffset(offset(region)));
            cachedSecond = second;
            cachedRegion = region;
        }
        return cachedTime;
    }

    /** Servers log in their local zone (fixed offsets, so the lines stay reproducible). */
    static ZoneOffset offset(String region) {
        return switch (region) {
            case "us-east-1" -> ZoneOffset.ofHours(-5);
            case "ap-southeast-2" -> ZoneOffset.ofHours(10);
            case "eu-central-1" -> ZoneOffset.ofHours(1);
            default -> ZoneOffset.UTC;
        };
    }

    private static String requestLine(GeneratedRequest r) {
        String proto = r.protocol().equals("HTTP/2") ? "HTTP/2.0" : r.protocol();
        return r.method() + " " + r.path() + " " + proto;
    }

    private static String referer(GeneratedRequest r) {
        return r.method().equals("GET") && r.responseBytes() % 3 == 0 ? "https://shop.example.com/" : "-";
    }

    /** nginx {@code combined}, optionally followed by {@code $request_time $upstream_response_time}. */
    String nginx(GeneratedRequest r, boolean timed) {
        StringBuilder b = new StringBuilder(256);
        b.append(r.clientIp()).append(" - - [").append(timeLocal(r.timestampMillis(), r.region())).append("] \"")
                .append(requestLine(r)).append("\" ").append(r.statusCode()).append(' ').append(r.responseBytes())
                .append(" \"").append(referer(r)).append("\" \"").append(r.userAgent()).append('"');
        if (timed) {
            long ms = Math.round(r.latencyMs());
            b.append(' ').append(seconds3(ms)).append(' ').append(seconds3(Math.max(0, ms - 1)));
        }
        return b.toString();
    }

    /**
     * The ingress-nginx controller's default {@code upstreaminfo} format; about one request in a hundred
     * was retried on a second upstream (comma-separated address, length, time and status lists).
     */
    String ingress(GeneratedRequest r) {
        long ms = Math.round(r.latencyMs());
        String upstream = "10.42." + (r.requestBytes() % 8) + "." + (10 + r.responseBytes() % 200) + ":8080";
        String upAddr = upstream;
        String upLen = Long.toString(r.responseBytes());
        String upTime = seconds3(Math.max(0, ms - 1));
        String upStatus = Integer.toString(r.statusCode());
        if (r.requestBytes() % 100 == 7 && ms > 6) {
            upAddr = "10.42.9.77:8080, " + upstream;
            upLen = "0, " + upLen;
            upTime = "0.004, " + seconds3(Math.max(0, ms - 5));
            upStatus = "502, " + upStatus;
        }
        return r.clientIp() + " - - [" + timeLocal(r.timestampMillis(), r.region()) + "] \"" + requestLine(r) + "\" "
                + r.statusCode() + ' ' + r.responseBytes() + " \"" + referer(r) + "\" \"" + r.userAgent() + "\" "
                + r.requestBytes() + ' ' + seconds3(ms) + " [prod-" + r.service() + "-80] [] " + upAddr + ' ' + upLen + ' '
                + upTime + ' ' + upStatus + ' ' + r.requestId();
    }

    /** Apache {@code combined} + {@code %D} (microseconds); {@code %b} is {@code -} for an empty body. */
    String apache(GeneratedRequest r) {
        long micros = Math.round(r.latencyMs() * 1000);
        return r.clientIp() + " - - [" + timeLocal(r.timestampMillis(), r.region()) + "] \"" + requestLine(r) + "\" "
                + r.statusCode() + ' ' + (r.responseBytes() == 0 ? "-" : Long.toString(r.responseBytes())) + " \""
                + referer(r) + "\" \"" + r.userAgent() + "\" " + micros;
    }

    /** Envoy's default access-log format; code 0 with response flags when no response was sent. */
    static String envoy(GeneratedRequest r) {
        long ms = Math.round(r.latencyMs());
        boolean answered = r.statusCode() != null;
        String flags = answered ? (r.statusCode() == 503 ? "UF" : r.statusCode() == 504 ? "UT" : "-") : "UC";
        String upstreamTime = answered && !flags.equals("UF") ? Long.toString(Math.max(0, ms - 1)) : "-";
        return "[" + ISO_MILLIS.format(Instant.ofEpochMilli(r.timestampMillis())) + "] \"" + r.method() + ' ' + r.path() + ' '
                + r.protocol() + "\" " + (answered ? r.statusCode() : 0) + ' ' + flags + ' ' + r.requestBytes() + ' '
                + r.responseBytes() + ' ' + ms + ' ' + upstreamTime + " \"" + r.clientIp() + "\" \"" + r.userAgent() + "\" \""
                + r.requestId() + "\" \"" + authority(r) + "\" \"" + (flags.equals("UF") ? "-" : upstreamHost(r)) + '"';
    }

    /** Cluster-internal services are called by their cluster FQDN, the others by a public host name. */
    static String authority(GeneratedRequest r) {
        return r.requestBytes() % 2 == 0 ? r.service() + ".prod.svc.cluster.local:8080" : r.service() + ".example.com";
    }

    private static String upstreamHost(GeneratedRequest r) {
        return "10.42." + (r.requestBytes() % 8) + "." + (10 + r.responseBytes() % 200) + ":8080";
    }

    /** Envoy's JSON access log with the keys of Istio's default format. */
    String istio(GeneratedRequest r) {
        long ms = Math.round(r.latencyMs());
        boolean answered = r.statusCode() != null;
        ObjectNode o = json.createObjectNode();
        o.put("start_time", ISO_MILLIS.format(Instant.ofEpochMilli(r.timestampMillis())));
        o.put("method", r.method());
        o.put("path", r.path());
        o.put("protocol", r.protocol());
        o.put("response_code", answered ? r.statusCode() : 0);
        o.put("response_flags", answered ? "-" : "UC");
        o.put("response_code_details", answered ? "via_upstream" : "upstream_reset_before_response_started{connection_termination}");
        o.putNull("connection_termination_details");
        o.putNull("upstream_transport_failure_reason");
        o.put("bytes_received", r.requestBytes());
        o.put("bytes_sent", r.responseBytes());
        o.put("duration", ms);
        if (answered) {
            o.put("upstream_service_time", Long.toString(Math.max(0, ms - 1)));
        } else {
            o.putNull("upstream_service_time");
        }
        o.put("x_forwarded_for", r.clientIp());
        o.put("user_agent", r.userAgent());
        o.put("request_id", r.requestId());
        o.put("authority", r.service() + ".prod.svc.cluster.local:8080");
        o.put("upstream_host", upstreamHost(r));
        o.put("upstream_cluster", "outbound|8080||" + r.service() + ".prod.svc.cluster.local");
        o.put("upstream_local_address", "10.42.0.5:45316");
        o.put("downstream_local_address", "10.43.12.7:8080");
        o.put("downstream_remote_address", "10.42.3.18:51234");
        o.putNull("requested_server_name");
        o.put("route_name", "default");
        return new String(bytes(o), StandardCharsets.UTF_8);
    }

    /**
     * An AWS ALB access-log entry with every documented field. {@code request_creation_time} is the
     * request's time; {@code time} (when the response went out) is kept in the same minute so that
     * either reading puts the request in the same minute window. No target response: -1 times, target
     * status {@code -}.
     */
    static String alb(GeneratedRequest r) {
        boolean answered = r.statusCode() != null;
        long start = r.timestampMillis();
        long ms = answered ? Math.round(r.latencyMs()) : 30_000;
        long end = Math.min(start + ms, (Math.floorDiv(start, 60_000L) + 1) * 60_000L - 1);
        String times;
        String elbStatus;
        String targetStatus;
        if (answered) {
            long requestMs = ms >= 3 ? 1 : 0;
            times = seconds3(requestMs) + ' ' + seconds3(ms - requestMs) + " 0.000";
            elbStatus = Integer.toString(r.statusCode());
            targetStatus = elbStatus;
        } else {
            times = "-1 -1 -1";
            elbStatus = r.responseBytes() % 2 == 0 ? "504" : "502";
            targetStatus = "-";
        }
        String target = upstreamHost(r);
        String tg = "arn:aws:elasticloadbalancing:" + r.region() + ":" + ACCOUNT + ":targetgroup/" + r.service() + "/73e2d6bc24d8a067";
        String proto = r.protocol().equals("HTTP/2") ? "HTTP/2.0" : r.protocol();
        String domain = r.service() + ".example.com";
        return (r.protocol().equals("HTTP/2") ? "h2" : "https") + ' ' + ISO_MICROS.format(Instant.ofEpochMilli(end)) + ' '
                + "app/vigil-" + r.region() + "/50dc6c495c0c9188 " + r.clientIp() + ':' + (1024 + r.requestBytes() * 13 % 60000) + ' '
                + target + ' ' + times + ' ' + elbStatus + ' ' + targetStatus + ' ' + r.requestBytes() + ' ' + r.responseBytes()
                + " \"" + r.method() + " https://" + domain + ":443" + r.path() + ' ' + proto + "\" \"" + r.userAgent() + "\" "
                + "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 " + tg + " \"Root=" + r.requestId() + "\" \"" + domain + "\" "
                + "\"arn:aws:acm:" + r.region() + ':' + ACCOUNT + ":certificate/12345678-1234-1234-1234-123456789012\" 0 "
                + ISO_MICROS.format(Instant.ofEpochMilli(start)) + " \"forward\" \"-\" \"" + (answered ? "-" : "TargetResponseTimeout")
                + "\" \"" + target + "\" \"" + targetStatus + "\" \"-\" \"-\" TID_" + r.requestId().substring(r.requestId().length() - 12);
    }

    /** A Classic ELB access-log entry (HTTP listener: no TLS fields), times in seconds with microseconds. */
    static String elb(GeneratedRequest r) {
        long micros = Math.round(r.latencyMs() * 1000);
        long requestMicros = 20 + micros % 40;
        long responseMicros = 15 + micros % 30;
        long backendMicros = Math.max(0, micros - requestMicros - responseMicros);
        // Very short requests: give the remainder to the backend so that the three add up exactly.
        if (backendMicros == 0) {
            requestMicros = 0;
            responseMicros = 0;
            backendMicros = micros;
        }
        return ISO_MICROS.format(Instant.ofEpochMilli(r.timestampMillis())) + ' ' + r.service() + ' ' + r.clientIp() + ':'
                + (1024 + r.requestBytes() * 7 % 60000) + ' ' + upstreamHost(r) + ' ' + seconds6(requestMicros) + ' '
                + seconds6(backendMicros) + ' ' + seconds6(responseMicros) + ' ' + r.statusCode() + ' ' + r.statusCode() + ' '
                + r.requestBytes() + ' ' + r.responseBytes() + " \"" + r.method() + " http://" + r.service() + ".example.com:80"
                + r.path() + ' ' + (r.protocol().equals("HTTP/2") ? "HTTP/1.1" : r.protocol()) + "\" \"" + r.userAgent() + "\" - -";
    }

    /**
     * Vigil's canonical JSON. Half the records give the endpoint templated, half give the method and
     * the raw path; half give the timestamp as epoch millis, half as ISO-8601.
     */
    byte[] canonical(GeneratedRequest r) {
        ObjectNode o = json.createObjectNode();
        if (r.requestBytes() % 2 == 0) {
            o.put("timestamp", r.timestampMillis());
        } else {
            o.put("timestamp", ISO_MILLIS.format(Instant.ofEpochMilli(r.timestampMillis())));
        }
        o.put("service", r.service());
        if (r.responseBytes() % 2 == 0) {
            o.put("endpoint", r.endpoint());
        } else {
            o.put("method", r.method());
            o.put("path", r.path());
        }
        if (r.statusCode() == null) {
            o.putNull("statusCode");
        } else {
            o.put("statusCode", r.statusCode());
        }
        if (r.grpcStatus() == null) {
            o.putNull("grpcStatus");
        } else {
            o.put("grpcStatus", r.grpcStatus());
        }
        if (r.latencyMs() == null) {
            o.putNull("latencyMs");
        } else {
            o.put("latencyMs", r.latencyMs());
        }
        o.put("region", r.region());
        o.put("requestId", r.requestId());
        return bytes(o);
    }

    /** Whole milliseconds as seconds with three decimals ({@code 1234} -> {@code 1.234}). */
    static String seconds3(long millis) {
        return millis / 1000 + "." + pad(millis % 1000, 3);
    }

    static String seconds6(long micros) {
        return micros / 1_000_000 + "." + pad(micros % 1_000_000, 6);
    }

    private static String pad(long value, int width) {
        String s = Long.toString(value);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
