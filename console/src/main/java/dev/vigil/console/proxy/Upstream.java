package dev.vigil.console.proxy;

import java.net.URI;
import java.util.Objects;

/** One of the Vigil apps the console reads: its name (for messages) and base URL. */
public record Upstream(String name, URI baseUrl) {

    public Upstream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null
                || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
            throw new IllegalArgumentException("the " + name + " URL must be an absolute http(s) URL, got '" + baseUrl + "'");
        }
    }

    /** {@code baseUrl} + {@code /api} + {@code rawPath} (+ {@code ?rawQuery}), without a doubled slash. */
    public URI resolve(String rawPath, String rawQuery) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/api" + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }
}
