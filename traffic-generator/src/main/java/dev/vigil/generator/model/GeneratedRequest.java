package dev.vigil.generator.model;

import dev.vigil.avro.Outcome;

/**
 * One request as its raw line reports it: {@code timestampMillis} and {@code latencyMs} already at
 * the precision the format writes (so the ground truth counts exactly what a reader can recover).
 * {@code statusCode} null means no HTTP response; {@code grpcStatus} is set for gRPC calls.
 * {@code path} is the concrete path with any query string; {@code endpoint} the templated
 * {@code METHOD /path/{id}} the normalizer should report.
 */
public record GeneratedRequest(
        long timestampMillis,
        int subMillisNanos,
        String service,
        RawFormat format,
        String region,
        String host,
        String method,
        String path,
        String endpoint,
        ResponseKind kind,
        Integer statusCode,
        Integer grpcStatus,
        Double latencyMs,
        long requestBytes,
        long responseBytes,
        String requestId,
        String traceId,
        String clientIp,
        String userAgent,
        String protocol) {

    public Outcome outcome() {
        return Classification.outcome(statusCode, grpcStatus);
    }

    /** Start time in epoch nanoseconds (OTLP precision). */
    public long startNanos() {
        return timestampMillis * 1_000_000L + subMillisNanos;
    }
}
