package dev.vigil.generator.model;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One endpoint of a service: an HTTP method and a path template whose id segments name their kind
 * ({@code /carts/{number}}, {@code /orders/{uuid}/items}, {@code /commits/{hex}},
 * {@code /sessions/{token}}). {@link #endpoint()} is the contract's templated form
 * ({@code GET /carts/{id}}); {@link #samplePath} a concrete path as a client would send it.
 */
public record EndpointSpec(String method, String template, double weight, double latencyFactor) {

    public EndpointSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': " + template);
        }
        if (weight <= 0 || latencyFactor <= 0) {
            throw new IllegalArgumentException("weight and latency factor must be positive: " + template);
        }
    }

    public static EndpointSpec of(String methodAndTemplate, double weight, double latencyFactor) {
        int space = methodAndTemplate.indexOf(' ');
        return new EndpointSpec(methodAndTemplate.substring(0, space), methodAndTemplate.substring(space + 1), weight, latencyFactor);
    }

    /** The templated endpoint as the normalizer reports it, e.g. {@code GET /carts/{id}}. */
    public String endpoint() {
        return method + " " + templatedPath();
    }

    /** The path with every id placeholder written as {@code {id}}. */
    public String templatedPath() {
        String path = template;
        for (IdKind kind : IdKind.values()) {
            path = path.replace(kind.placeholder(), "{id}");
        }
        return path;
    }

    /** A concrete path: every placeholder replaced by a fresh id of its kind (no query string). */
    public String samplePath(RandomGenerator rng) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i);
                String placeholder = template.substring(i, close + 1);
                out.append(kindOf(placeholder).sample(rng));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static IdKind kindOf(String placeholder) {
        for (IdKind kind : IdKind.KINDS) {
            if (kind.placeholder().equals(placeholder)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown id placeholder " + placeholder);
    }
}
