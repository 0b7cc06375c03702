package dev.vigil.normalizer.normalize;

import java.util.Set;

import dev.vigil.avro.Outcome;

/**
 * Request classification shared by every source (DESIGN.md): an availability error is an HTTP 5xx,
 * no response at all, or a server-side gRPC failure (UNKNOWN 2, DEADLINE_EXCEEDED 4, INTERNAL 13,
 * UNAVAILABLE 14, DATA_LOSS 15); a client error is a 4xx (unless configured as an availability
 * error, e.g. 429); everything else is OK.
 */
public final class Classifier {

    private final Set<Integer> availabilityErrorStatuses;

    public Classifier(Set<Integer> availabilityErrorStatuses) {
        this.availabilityErrorStatuses = Set.copyOf(availabilityErrorStatuses);
    }

    /** {@code serverFailed}: see {@link dev.vigil.normalizer.parse.RawRequest}. */
    public Outcome classify(Integer status, Integer grpcStatus, Boolean serverFailed) {
        if (Boolean.TRUE.equals(serverFailed)) {
            return Outcome.AVAILABILITY_ERROR;
        }
        if (grpcStatus != null && isServerSideGrpc(grpcStatus)) {
            return Outcome.AVAILABILITY_ERROR;
        }
        if (status == null) {
            // No HTTP status and no gRPC status: no response was sent, unless the source says otherwise.
            return grpcStatus == null && serverFailed == null ? Outcome.AVAILABILITY_ERROR : Outcome.OK;
        }
        if (status >= 500 || availabilityErrorStatuses.contains(status)) {
            return Outcome.AVAILABILITY_ERROR;
        }
        return status >= 400 ? Outcome.CLIENT_ERROR : Outcome.OK;
    }

    static boolean isServerSideGrpc(int code) {
        return code == 2 || code == 4 || code == 13 || code == 14 || code == 15;
    }
}
