package dev.vigil.generator.model;

import dev.vigil.avro.Outcome;

/**
 * The contract's request classification, which the ground truth counts with: availability error =
 * HTTP 5xx, no response (no status, Envoy 0, ALB -1), or gRPC UNAVAILABLE(14), DEADLINE_EXCEEDED(4),
 * INTERNAL(13), UNKNOWN(2), DATA_LOSS(15); client error = HTTP 4xx (429 included); else OK.
 */
public final class Classification {

    private Classification() {
    }

    /** {@code statusCode} null (or 0) means no HTTP response was sent. */
    public static Outcome outcome(Integer statusCode, Integer grpcStatus) {
        if (grpcStatus != null && isGrpcAvailabilityError(grpcStatus)) {
            return Outcome.AVAILABILITY_ERROR;
        }
        if (statusCode == null || statusCode == 0) {
            return grpcStatus != null ? Outcome.OK : Outcome.AVAILABILITY_ERROR;
        }
        if (statusCode >= 500) {
            return Outcome.AVAILABILITY_ERROR;
        }
        if (statusCode >= 400) {
            return Outcome.CLIENT_ERROR;
        }
        return Outcome.OK;
    }

    public static boolean isGrpcAvailabilityError(int code) {
        return code == 14 || code == 4 || code == 13 || code == 2 || code == 15;
    }
}
