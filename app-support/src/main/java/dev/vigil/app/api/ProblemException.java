package dev.vigil.app.api;

import java.util.Map;

/** A user-facing error with its HTTP status: thrown by resources, rendered as problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Integer retryAfterSeconds;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String title, String detail, Integer retryAfterSeconds, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail, null, null);
    }

    public static ProblemException badRequest(String detail, Map<String, Object> extensions) {
        return new ProblemException(400, "Bad Request", detail, null, extensions);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, null, null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, null, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null, null);
    }

    /** 503 with Retry-After: the store is rebalancing or restoring, or its owner is unreachable. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Service Unavailable", detail, retryAfterSeconds, null);
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), null, extensions);
    }
}
