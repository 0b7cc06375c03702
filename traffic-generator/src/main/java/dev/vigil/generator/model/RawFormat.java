package dev.vigil.generator.model;

import java.util.Locale;

/**
 * How a service's requests are reported: the raw format written and the raw topic it goes to by
 * default. Each format fixes what its lines can say: the timestamp precision, the latency resolution
 * (or none), whether a request id travels with the request (so the normalizer can drop duplicates),
 * and whether an unanswered request can be expressed at all.
 */
public enum RawFormat {
    /** nginx {@code combined} in a shipper envelope with {@code service} and {@code region}: no latency. */
    NGINX_COMBINED("nginx-combined", "raw.nginx", true, Latency.NONE, false, false),
    /** nginx combined + {@code $request_time $upstream_response_time}, in an envelope with service and region. */
    NGINX_TIMED("nginx-timed", "raw.nginx", true, Latency.MILLIS, false, false),
    /** The Kubernetes ingress-nginx default format: {@code [prod-<service>-80]} and {@code $req_id}; region from the envelope. */
    INGRESS_NGINX("ingress-nginx", "raw.nginx", true, Latency.MILLIS, true, false),
    /** Apache combined + {@code %D} (microseconds), in an envelope with service and region. */
    APACHE("apache", "raw.apache", true, Latency.MICROS, false, false),
    /** Envoy's default text access log, authority {@code <service>.<domain>}; region from the envelope. */
    ENVOY_TEXT("envoy", "raw.envoy", false, Latency.MILLIS, true, true),
    /** Envoy JSON access log with Istio's keys, upstream cluster {@code outbound|8080||<service>.prod.svc.cluster.local}. */
    ISTIO_JSON("istio-json", "raw.envoy", false, Latency.MILLIS, true, true),
    /** AWS ALB access log lines; service and region from the target group ARN. */
    ALB("alb", "raw.alb", false, Latency.MILLIS, true, true),
    /** AWS Classic ELB access log lines (load balancer name = service), in an envelope with the region. */
    ELB_CLASSIC("elb", "raw.alb", false, Latency.MICROS, false, false),
    /** OTLP protobuf ExportTraceServiceRequest, HTTP server spans (plus client spans to be skipped). */
    OTLP_HTTP("otlp-http", "raw.otlp", false, Latency.MICROS, true, true),
    /** OTLP protobuf ExportTraceServiceRequest, gRPC server spans with {@code rpc.grpc.status_code}. */
    OTLP_GRPC("otlp-grpc", "raw.otlp", false, Latency.MICROS, true, true),
    /** Vigil's canonical JSON, one request per record. */
    CANONICAL("canonical", "raw.events", false, Latency.MICROS, true, true);

    /** Resolution of the latency a format writes. */
    public enum Latency { NONE, MILLIS, MICROS }

    private final String id;
    private final String defaultTopic;
    private final boolean secondPrecision;
    private final Latency latency;
    private final boolean requestId;
    private final boolean noResponse;

    RawFormat(String id, String defaultTopic, boolean secondPrecision, Latency latency, boolean requestId, boolean noResponse) {
        this.id = id;
        this.defaultTopic = defaultTopic;
        this.secondPrecision = secondPrecision;
        this.latency = latency;
        this.requestId = requestId;
        this.noResponse = noResponse;
    }

    public String id() {
        return id;
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    public Latency latency() {
        return latency;
    }

    /** Whether the line carries a request id the normalizer deduplicates on. */
    public boolean hasRequestId() {
        return requestId;
    }

    /** Whether the format can say "no response" (else an unanswered request is logged as a 504). */
    public boolean canExpressNoResponse() {
        return noResponse;
    }

    public boolean grpc() {
        return this == OTLP_GRPC;
    }

    public boolean otlp() {
        return this == OTLP_HTTP || this == OTLP_GRPC;
    }

    /** The request time as the line can write it (nginx and Apache log whole seconds). */
    public long writtenTime(long epochMillis) {
        return secondPrecision ? Math.floorDiv(epochMillis, 1000L) * 1000L : epochMillis;
    }

    /** The latency as the line can write it, in milliseconds; null when the format has none. */
    public Double writtenLatency(double latencyMs) {
        return switch (latency) {
            case NONE -> null;
            case MILLIS -> (double) Math.max(1L, Math.round(latencyMs));
            case MICROS -> Math.max(1L, Math.round(latencyMs * 1000.0)) / 1000.0;
        };
    }

    public static RawFormat parse(String value) {
        for (RawFormat f : values()) {
            if (f.id.equalsIgnoreCase(value) || f.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + value + "'; one of " + java.util.Arrays.stream(values())
                .map(RawFormat::id).toList());
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
