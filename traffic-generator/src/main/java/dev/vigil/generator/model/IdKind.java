package dev.vigil.generator.model;

import java.util.random.RandomGenerator;

/**
 * The kinds of ids that appear in request paths. Each is one of the shapes the contract's endpoint
 * templating turns into {@code {id}}: numbers, UUIDs, hex hashes (8+ hex chars) and long tokens
 * (16+ chars of {@code [A-Za-z0-9_-]} with a digit).
 */
public enum IdKind {
    NUMBER("{number}"),
    UUID("{uuid}"),
    HEX("{hex}"),
    TOKEN("{token}");

    /** {@link #values()} without a copy per call. */
    static final java.util.List<IdKind> KINDS = java.util.List.of(values());
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final char[] TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();

    private final String placeholder;

    IdKind(String placeholder) {
        this.placeholder = placeholder;
    }

    /** How the kind is written in an {@link EndpointSpec} template, e.g. {@code {uuid}}. */
    public String placeholder() {
        return placeholder;
    }

    public String sample(RandomGenerator rng) {
        return switch (this) {
            case NUMBER -> Long.toString(1 + rng.nextLong(9_999_999L));
            case UUID -> new java.util.UUID(rng.nextLong(), rng.nextLong()).toString();
            case HEX -> hex(rng, 8 + rng.nextInt(33));
            case TOKEN -> token(rng, 16 + rng.nextInt(17));
        };
    }

    public static String hex(RandomGenerator rng, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = HEX_DIGITS[rng.nextInt(16)];
        }
        return new String(out);
    }

    /** A token of {@code [A-Za-z0-9_-]} that always carries a digit (so the templating rule applies). */
    static String token(RandomGenerator rng, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = TOKEN_CHARS[rng.nextInt(TOKEN_CHARS.length)];
        }
        out[rng.nextInt(length)] = (char) ('0' + rng.nextInt(10));
        return new String(out);
    }
}
