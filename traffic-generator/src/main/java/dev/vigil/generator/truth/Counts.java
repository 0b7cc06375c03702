package dev.vigil.generator.truth;

/** Requests, availability errors and client errors of one group (a service-minute, an endpoint, a region). */
public record Counts(long total, long availabilityErrors, long clientErrors) {
}
