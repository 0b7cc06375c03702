package dev.vigil.generator.model;

/** What happened to a request before a format writes it as concrete status codes. */
public enum ResponseKind {
    SUCCESS,
    REDIRECT,
    CLIENT_ERROR,
    SERVER_ERROR,
    /** The server never answered (timeout, reset): Envoy 0, ALB -1, no OTLP status, null in canonical JSON. */
    NO_RESPONSE
}
