package dev.vigil.alerting.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.app.api.ProblemException;

/**
 * Bearer-token check for mutations: 401 without a bearer token, 403 with a wrong one (or when no
 * token is configured, which turns mutations off). Both sides are hashed first and compared with
 * {@link MessageDigest#isEqual}, so the time taken says nothing about the token, not even its length.
 */
@ApplicationScoped
public class ApiAuth {

    private final Optional<byte[]> expected;

    public ApiAuth(AlertingConfig config) {
        this.expected = config.api().token().filter(t -> !t.isBlank()).map(ApiAuth::sha256);
    }

    public void requireToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw ProblemException.unauthorized("this request changes SLOs and needs 'Authorization: Bearer <token>' (vigil.api.token)");
        }
        if (expected.isEmpty()) {
            throw ProblemException.forbidden("SLO changes are turned off on this instance: vigil.api.token (VIGIL_API_TOKEN) is not set");
        }
        if (!MessageDigest.isEqual(expected.get(), sha256(authorization.substring(7).trim()))) {
            throw ProblemException.forbidden("the bearer token is not valid for SLO changes");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
