package dev.vigil.normalizer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.google.protobuf.ByteString;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * Realistic valid inputs per format, after each format's documentation, stamped at a given time.
 * Every sample carries personal data (client IPs, user agents, users, query strings) that must
 * never reach request-events: {@link #SECRETS}.
 */
public final class Samples {

    /** Strings from the samples that must not appear in any serialized RequestEvent. */
    public static final List<String> SECRETS = List.of("203.0.113.7", "2001:db8::1", "198.51.100.4", "10.0.35.28", "192.168.131.39",
            "alice", "frank", "Mozilla", "curl/", "okhttp", "nsq2http", "coupon", "SPRING", "session=", "secret-query", "q=",
            "user@example.com", "jsessionid", "192.168.1.10", "10.44.1.23");

    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Samples() {
    }

    public static String clf(Instant t) {
        return CLF.format(t);
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // --- nginx -------------------------------------------------------------------------------

    /** combined, in a Vector envelope that names service and region. */
    public static String nginxCombinedEnvelope(Instant t) {
        String line = "203.0.113.7 - alice [" + clf(t) + "] \"GET /carts/123?coupon=SPRING HTTP/1.1\" 200 512 "
                + "\"https://shop.example/\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"";
        return "{\"message\":" + json(line) + ",\"service\":\"checkout\",\"region\":\"eu-west-1\",\"host\":\"web-1\","
                + "\"source_type\":\"kafka\"}";
    }

    public static String nginxCombined(Instant t, String path, int status) {
        return "203.0.113.7 - - [" + clf(t) + "] \"GET " + path + " HTTP/1.1\" " + status + " 512 \"-\" "
                + "\"Mozilla/5.0 (X11; Linux x86_64)\"";
    }

    /** combined + $request_time $upstream_response_time (an upstream retry list), IPv6 client. */
    public static String nginxTimed(Instant t) {
        return "2001:db8::1 - - [" + clf(t) + "] \"POST /api/orders/9f86d081884c7d65 HTTP/1.1\" 503 0 \"-\" \"curl/8.4.0\" 0.250 0.149, 0.100";
    }

    /** ingress-nginx default format. */
    public static String nginxIngress(Instant t, String requestId) {
        return "192.168.1.10 - - [" + clf(t) + "] \"GET /api/v1/users/42/profile?session=abc HTTP/2.0\" 200 612 \"-\" "
                + "\"okhttp/4.12.0\" 37 0.004 [prod-user-profile-8080] [] 10.0.0.12:8080 612 0.004 200 " + requestId;
    }

    /** ingress-nginx with a retry (`a, b` lists) after a 502 from the first upstream. */
    public static String nginxIngressRetry(Instant t) {
        return "192.168.1.10 - - [" + clf(t) + "] \"POST /checkout;jsessionid=A1B2C3 HTTP/1.1\" 200 88 \"-\" \"Mozilla/5.0\" 512 0.031 "
                + "[prod-checkout-80] [] 10.0.0.1:80, 10.0.0.2:80 0, 88 0.001, 0.030 502, 200 0f2d8e3a9b7c4d1e2f3a4b5c6d7e8f90";
    }

    /** ingress-nginx with an internal redirect (`a : b`), a unix socket and an IPv6 upstream. */
    public static String nginxIngressRedirect(Instant t) {
        return "192.168.1.10 - - [" + clf(t) + "] \"GET /login HTTP/1.1\" 504 0 \"-\" \"Mozilla/5.0\" 210 5.002 "
                + "[auth-login-api-8443] [auth-login-api-canary-8443] unix:/var/run/auth.sock : [2001:db8::2]:8443 0 : 0 "
                + "0.002 : 5.000 502 : 504 aa11bb22cc33dd44ee55ff6677889900";
    }

    // --- Apache ------------------------------------------------------------------------------

    public static String apacheCommon(Instant t) {
        return "198.51.100.4 - frank [" + clf(t) + "] \"GET /apache_pb.gif HTTP/1.0\" 200 2326";
    }

    /** combined + %D, with an escaped quote in the user agent, a 404 and no body ('-'). */
    public static String apacheCombinedMicros(Instant t) {
        return "198.51.100.4 - - [" + clf(t) + "] \"GET /search?q=secret-query HTTP/1.1\" 404 - \"http://www.example.com/start.html\" "
                + "\"Mozilla/4.08 [en] (Win98; I ;Nav) \\\"quoted\\\"\" 1534";
    }

    // --- Envoy -------------------------------------------------------------------------------

    public static String envoyDefault(Instant t, String requestId) {
        return "[" + t + "] \"POST /api/v1/locations HTTP/2\" 204 - 154 0 226 100 \"10.0.35.28\" \"nsq2http\" \"" + requestId
                + "\" \"locations.prod.svc.cluster.local:8080\" \"tcp://10.0.2.1:80\"";
    }

    /** Upstream connection failure: response code 0, flags UF,URX: no response. */
    public static String envoyNoResponse(Instant t) {
        return "[" + t + "] \"GET /carts/9 HTTP/1.1\" 0 UF,URX 0 0 5002 - \"-\" \"curl/8.0\" \"-\" \"checkout.example.com\" \"10.0.0.5:8080\"";
    }

    public static String envoyTcp(Instant t) {
        return "[" + t + "] \"- - -\" 0 - 1024 2048 3000 - \"-\" \"-\" \"-\" \"-\" \"10.0.0.9:5432\"";
    }

    /** Istio's text format (22 fields), outbound cluster naming the service. */
    public static String envoyIstioText(Instant t) {
        return "[" + t + "] \"GET /productpage HTTP/1.1\" 200 - via_upstream - \"-\" 0 5293 16 15 \"10.44.1.23\" "
                + "\"Mozilla/5.0 (Macintosh)\" \"2b5e0d6a-8f1c-4a7e-9b61-0c7d4a9b1e55\" \"productpage.bookinfo:9080\" \"10.44.1.27:9080\" "
                + "outbound|9080||productpage.bookinfo.svc.cluster.local 10.44.1.23:37652 10.44.1.27:9080 10.44.1.23:58974 - default";
    }

    /** Istio JSON access log of a gRPC call that failed UNAVAILABLE. */
    public static String envoyIstioJson(Instant t) {
        return "{\"start_time\":\"" + t + "\",\"method\":\"POST\",\"path\":\"/hipstershop.CartService/GetCart\","
                + "\"protocol\":\"HTTP/2\",\"response_code\":200,\"response_flags\":\"-\",\"grpc_status\":\"Unavailable\","
                + "\"bytes_received\":12,\"bytes_sent\":0,\"duration\":31,\"upstream_service_time\":\"30\","
                + "\"x_forwarded_for\":\"10.44.1.23\",\"user_agent\":\"grpc-go/1.60.0\",\"request_id\":\"5d3a1c2b-77e2-4f0b-9c1d-2e3f4a5b6c7d\","
                + "\"authority\":\"cartservice:7070\",\"upstream_host\":\"10.44.2.9:7070\","
                + "\"upstream_cluster\":\"outbound|7070||cartservice.prod.svc.cluster.local\",\"downstream_remote_address\":\"10.44.1.23:51000\"}";
    }

    // --- ALB / ELB ---------------------------------------------------------------------------

    public static String alb(Instant t, String traceRoot) {
        return "https " + t + " app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "
                + "\"GET https://shop.example.com:443/carts/42?coupon=SPRING HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
                + "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/checkout/73e2d6bc24d8a067 "
                + "\"Self=1-58337262-36d228ad5d99923122bbe354;Root=" + traceRoot + "\" \"shop.example.com\" "
                + "\"arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 1 " + t.minusMillis(171)
                + " \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90";
    }

    /** The target never answered: -1 times, target status '-', 502 from the ALB. */
    public static String albNoTarget(Instant t) {
        return "h2 " + t + " app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 -1 -1 -1 502 - 34 366 "
                + "\"GET https://shop.example.com:443/carts/7 HTTP/2.0\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
                + "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/checkout/73e2d6bc24d8a067 "
                + "\"Root=1-58337327-72bd00b0343d75b906739c42\" \"-\" \"-\" 0 " + t + " \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"-\" \"-\" \"-\" -";
    }

    /** A redirect answered by the ALB itself: no target, yet not an availability error. */
    public static String albRedirect(Instant t) {
        return "http " + t + " app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - -1 -1 -1 301 - 0 185 "
                + "\"GET http://shop.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - - \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\" 0 "
                + t + " \"redirect\" \"https://shop.example.com:443/\" \"-\" \"-\" \"-\" \"-\" \"-\" -";
    }

    public static String classicElb(Instant t) {
        return t + " my-legacy-elb 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "
                + "\"GET http://www.example.com:80/orders/12345 HTTP/1.1\" \"curl/7.38.0\" - -";
    }

    public static String classicElbTcp(Instant t) {
        return t + " my-legacy-elb 192.168.131.39:2817 10.0.0.1:80 0.001069 0.000028 0.000041 - - 82 305 \"- - - \" \"-\" - -";
    }

    // --- OTLP --------------------------------------------------------------------------------

    /**
     * Two resources: checkout (a SERVER span, a CLIENT span, an INTERNAL span) and cart (a gRPC SERVER
     * span failing UNAVAILABLE, a SERVER span with legacy http.status_code "503" as a string).
     * Three SERVER spans become events, two spans are skipped.
     */
    public static ExportTraceServiceRequest otlp(Instant t) {
        long start = t.toEpochMilli() * 1_000_000L;
        ResourceSpans checkout = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(str("service.name", "checkout")).addAttributes(str("cloud.region", "eu-west-1")))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(span("a1a2a3a4a5a6a7a8", "GET /carts/{id}", Span.SpanKind.SPAN_KIND_SERVER, start, 12_500_000,
                                str("http.request.method", "GET"), str("http.route", "/carts/{id}"), num("http.response.status_code", 200),
                                str("client.address", "203.0.113.7"), str("user_agent.original", "Mozilla/5.0"),
                                str("url.query", "coupon=SPRING"), str("enduser.id", "alice")))
                        .addSpans(span("b1b2b3b4b5b6b7b8", "GET", Span.SpanKind.SPAN_KIND_CLIENT, start, 5_000_000,
                                str("http.request.method", "GET"), num("http.response.status_code", 200)))
                        .addSpans(span("c1c2c3c4c5c6c7c8", "render", Span.SpanKind.SPAN_KIND_INTERNAL, start, 1_000_000)))
                .build();
        ResourceSpans cart = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(str("service.name", "cart")))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(span("d1d2d3d4d5d6d7d8", "hipstershop.CartService/GetCart", Span.SpanKind.SPAN_KIND_SERVER, start, 30_000_000,
                                str("rpc.system", "grpc"), num("rpc.grpc.status_code", 14)))
                        .addSpans(span("e1e2e3e4e5e6e7e8", "POST /cart/items", Span.SpanKind.SPAN_KIND_SERVER, start, 8_000_000,
                                str("http.method", "POST"), str("http.status_code", "503"), str("http.target", "/cart/items?user=alice"))))
                .build();
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(checkout).addResourceSpans(cart).build();
    }

    /** The same spans as OTLP/JSON (hex ids, integer enums, 64-bit integers as strings). */
    public static String otlpJson(Instant t) {
        long start = t.toEpochMilli() * 1_000_000L;
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"checkout\"}},"
                + "{\"key\":\"cloud.region\",\"value\":{\"stringValue\":\"eu-west-1\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"io.opentelemetry.jetty\"},"
                + "\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"a1a2a3a4a5a6a7a8\",\"name\":\"GET /carts/{id}\","
                + "\"kind\":2,\"startTimeUnixNano\":\"" + start + "\",\"endTimeUnixNano\":\"" + (start + 12_500_000) + "\","
                + "\"attributes\":[{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"GET\"}},"
                + "{\"key\":\"http.route\",\"value\":{\"stringValue\":\"/carts/{id}\"}},"
                + "{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":\"200\"}},"
                + "{\"key\":\"client.address\",\"value\":{\"stringValue\":\"203.0.113.7\"}}],\"status\":{}},"
                + "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"b1b2b3b4b5b6b7b8\",\"name\":\"GET\",\"kind\":3,"
                + "\"startTimeUnixNano\":\"" + start + "\",\"endTimeUnixNano\":\"" + (start + 5_000_000) + "\"}]}]}]}";
    }

    private static Span span(String id, String name, Span.SpanKind kind, long start, long durationNanos, KeyValue... attrs) {
        Span.Builder b = Span.newBuilder().setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
                .setSpanId(ByteString.fromHex(id)).setName(name).setKind(kind).setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + durationNanos).setStatus(Status.getDefaultInstance());
        for (KeyValue kv : attrs) {
            b.addAttributes(kv);
        }
        return b.build();
    }

    public static KeyValue str(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    public static KeyValue num(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    // --- canonical ---------------------------------------------------------------------------

    public static String canonical(Instant t, String requestId) {
        return "{\"timestamp\":" + t.toEpochMilli() + ",\"service\":\"payments\",\"endpoint\":\"POST /payments/{id}/capture\","
                + "\"statusCode\":201,\"grpcStatus\":null,\"latencyMs\":48.5,\"region\":\"us-east-1\",\"requestId\":\"" + requestId + "\","
                + "\"clientIp\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\",\"userId\":\"alice\"}";
    }

    /** method + path with an ISO timestamp, a query string and an e-mail address in the path. */
    public static String canonicalPath(Instant t) {
        return "{\"timestamp\":\"" + t + "\",\"service\":\"accounts\",\"method\":\"get\",\"path\":\"/users/user@example.com/orders?page=2&q=secret-query\","
                + "\"statusCode\":429,\"latencyMs\":3}";
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
