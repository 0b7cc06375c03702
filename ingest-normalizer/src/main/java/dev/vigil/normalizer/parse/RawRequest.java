package dev.vigil.normalizer.parse;

/**
 * What a parser read about one request, before normalization. Fields a format does not carry are
 * null. {@code target} is the request target as logged (path, maybe a query or an absolute URL);
 * {@code route} is a path template the source already gives (OTLP {@code http.route}), preferred
 * over the target. The rule fields (host, authority, upstreamCluster, targetGroup, ingressService,
 * loadBalancer, serviceName, target) feed the source's service rules.
 *
 * <p>{@code serverFailed}: null = classify from the status codes alone (no code at all means no
 * response); TRUE = the source says the server never answered (ALB {@code -1} times), an
 * availability error whatever the codes; FALSE = no codes is fine (an OTLP span with status OK/UNSET).
 * Client IPs, user agents and user names are never read into this record.
 */
public record RawRequest(long timestampMs, String method, String target, String route, String protocol, Integer status,
        Integer grpcStatus, Double latencyMs, Long responseBytes, String requestId, String serviceName, String region,
        String host, String authority, String upstreamCluster, String targetGroup, String ingressService,
        String loadBalancer, Boolean serverFailed) {

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable, for parsers only: fills fields in the order the format carries them. */
    public static final class Builder {
        long timestampMs = Long.MIN_VALUE;
        String method;
        String target;
        String route;
        String protocol;
        Integer status;
        Integer grpcStatus;
        Double latencyMs;
        Long responseBytes;
        String requestId;
        String serviceName;
        String region;
        String host;
        String authority;
        String upstreamCluster;
        String targetGroup;
        String ingressService;
        String loadBalancer;
        Boolean serverFailed;

        public Builder timestampMs(long v) { timestampMs = v; return this; }
        public Builder method(String v) { method = v; return this; }
        public Builder target(String v) { target = v; return this; }
        public Builder route(String v) { route = v; return this; }
        public Builder protocol(String v) { protocol = v; return this; }
        public Builder status(Integer v) { status = v; return this; }
        public Builder grpcStatus(Integer v) { grpcStatus = v; return this; }
        public Builder latencyMs(Double v) { latencyMs = v; return this; }
        public Builder responseBytes(Long v) { responseBytes = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder serviceName(String v) { serviceName = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder authority(String v) { authority = v; return this; }
        public Builder upstreamCluster(String v) { upstreamCluster = v; return this; }
        public Builder targetGroup(String v) { targetGroup = v; return this; }
        public Builder ingressService(String v) { ingressService = v; return this; }
        public Builder loadBalancer(String v) { loadBalancer = v; return this; }
        public Builder serverFailed(Boolean v) { serverFailed = v; return this; }

        /** Envelope values fill what the line itself did not say. */
        Builder envelope(Envelope e) {
            if (serviceName == null) {
                serviceName = e.service();
            }
            if (region == null) {
                region = e.region();
            }
            if (host == null) {
                host = e.host();
            }
            return this;
        }

        public RawRequest build() {
            if (timestampMs == Long.MIN_VALUE) {
                throw Reject.missing("no timestamp");
            }
            return new RawRequest(timestampMs, method, target, route, protocol, status, grpcStatus, latencyMs, responseBytes,
                    requestId, serviceName, region, host, authority, upstreamCluster, targetGroup, ingressService, loadBalancer,
                    serverFailed);
        }
    }
}
