package dev.vigil.generator.model;

import java.util.random.RandomGenerator;

/** Concrete status codes for a response kind in a format; {@code http} null means no HTTP response. */
public record StatusCodes(Integer http, Integer grpc) {

    private static final int[] SUCCESS = {200, 200, 200, 200, 200, 200, 200, 200, 201, 204};
    private static final int[] REDIRECT = {301, 302, 302, 304, 304, 304};
    private static final int[] CLIENT = {400, 400, 401, 403, 404, 404, 404, 404, 409, 429};
    private static final int[] SERVER = {500, 500, 500, 500, 502, 502, 503, 503, 503, 504};
    private static final int[] FAST_SERVER = {500, 500, 502, 503};
    private static final int[] GRPC_CLIENT = {3, 5, 5, 7, 16};
    private static final int[] GRPC_SERVER = {14, 14, 13, 13, 2};

    public static StatusCodes pick(RawFormat format, ResponseKind kind, RandomGenerator rng) {
        if (format.grpc()) {
            return new StatusCodes(null, switch (kind) {
                case SUCCESS, REDIRECT -> 0;
                case CLIENT_ERROR -> any(GRPC_CLIENT, rng);
                case SERVER_ERROR -> any(GRPC_SERVER, rng);
                case NO_RESPONSE -> 4;
            });
        }
        return switch (kind) {
            case SUCCESS -> new StatusCodes(any(SUCCESS, rng), null);
            case REDIRECT -> new StatusCodes(any(REDIRECT, rng), null);
            case CLIENT_ERROR -> new StatusCodes(any(CLIENT, rng), null);
            case SERVER_ERROR -> new StatusCodes(any(SERVER, rng), null);
            // nginx, Apache and Classic ELB cannot log "no response": the proxy times out with a 504.
            case NO_RESPONSE -> new StatusCodes(format.canExpressNoResponse() ? null : 504, null);
        };
    }

    /** A server error that answers at once: 500, 502 or 503 (gRPC 14 UNAVAILABLE). */
    public static StatusCodes fastFailure(RawFormat format, RandomGenerator rng) {
        return format.grpc() ? new StatusCodes(null, 14) : new StatusCodes(FAST_SERVER[rng.nextInt(FAST_SERVER.length)], null);
    }

    private static int any(int[] codes, RandomGenerator rng) {
        return codes[rng.nextInt(codes.length)];
    }
}
