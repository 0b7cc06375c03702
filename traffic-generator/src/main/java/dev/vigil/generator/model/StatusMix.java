package dev.vigil.generator.model;

import java.util.random.RandomGenerator;

/** Fractions of redirects, client errors, server errors and unanswered requests; the rest succeed. */
public record StatusMix(double redirect, double clientError, double serverError, double noResponse) {

    public StatusMix {
        if (redirect < 0 || clientError < 0 || serverError < 0 || noResponse < 0
                || redirect + clientError + serverError + noResponse >= 1) {
            throw new IllegalArgumentException("invalid status mix");
        }
    }

    /** Draws a response kind from the mix. */
    public ResponseKind pick(RandomGenerator rng) {
        double u = rng.nextDouble();
        if (u < serverError) {
            return ResponseKind.SERVER_ERROR;
        }
        u -= serverError;
        if (u < noResponse) {
            return ResponseKind.NO_RESPONSE;
        }
        u -= noResponse;
        if (u < clientError) {
            return ResponseKind.CLIENT_ERROR;
        }
        u -= clientError;
        if (u < redirect) {
            return ResponseKind.REDIRECT;
        }
        return ResponseKind.SUCCESS;
    }
}
