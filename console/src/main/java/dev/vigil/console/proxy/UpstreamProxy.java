package dev.vigil.console.proxy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A read-only forwarder: GET {@code /api/<path>?<query>} on an upstream, passing back the status,
 * the content type, the body and the headers the page needs ({@code X-Vigil-*}, {@code Retry-After}).
 * It never throws for an upstream's failure: it answers {@link ProxyAnswer.Unreachable} or
 * {@link ProxyAnswer.TimedOut} so that the caller can say which upstream is missing.
 */
public final class UpstreamProxy {

    /** Headers worth passing on, beyond the content type (lower case). */
    private static final List<String> PASSED_PREFIXES = List.of("x-vigil-");
    private static final List<String> PASSED_HEADERS = List.of("retry-after");
    private static final int MAX_PATH_LENGTH = 2048;

    private final HttpClient http;
    private final Duration timeout;

    public UpstreamProxy(Duration connectTimeout, Duration timeout) {
        // HTTP/1.1: the apps speak plain HTTP/1.1; an h2c upgrade attempt would only cost a round trip.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    /**
     * Checks a raw path (as received, still percent-encoded) before it is forwarded: it must start
     * with a slash, stay under {@code /api} (no dot segments, also when encoded) and be printable.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static void requireForwardable(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            throw new IllegalArgumentException("a path under the API is required, e.g. /v1/services");
        }
        if (rawPath.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("the path is longer than " + MAX_PATH_LENGTH + " characters");
        }
        if (!rawPath.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with '/'");
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the path has a malformed percent-encoding");
        }
        // Checked after decoding, so that neither %2E nor an encoded %2F can hide a dot segment.
        for (String segment : decoded.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("the path may not contain '.' or '..' segments");
            }
        }
        if (decoded.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the path may not contain control characters");
        }
    }

    /** GET {@code rawPath?rawQuery} under the upstream's {@code /api}; {@link #requireForwardable} first. */
    public CompletionStage<ProxyAnswer> get(Upstream upstream, String rawPath, String rawQuery) {
        requireForwardable(rawPath);
        URI target = upstream.resolve(rawPath, rawQuery);
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).header("Accept", "application/json").GET().build();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new ProxyAnswer.Unreachable(upstream, e.getMessage()));
        }
        return sent.handle((response, failure) -> failure == null ? answered(response) : failed(upstream, failure));
    }

    private static ProxyAnswer answered(HttpResponse<byte[]> response) {
        Map<String, String> passed = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!values.isEmpty() && (PASSED_HEADERS.contains(lower) || PASSED_PREFIXES.stream().anyMatch(lower::startsWith))) {
                passed.put(name, values.get(0));
            }
        });
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        return new ProxyAnswer.Answered(response.statusCode(), contentType, response.body(), passed);
    }

    private ProxyAnswer failed(Upstream upstream, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return new ProxyAnswer.Unreachable(upstream, "no connection within the connect timeout");
        }
        if (cause instanceof HttpTimeoutException) {
            return new ProxyAnswer.TimedOut(upstream, timeout);
        }
        if (cause instanceof ConnectException || cause.getCause() instanceof ConnectException) {
            return new ProxyAnswer.Unreachable(upstream, "connection refused");
        }
        if (cause instanceof UnresolvedAddressException || cause.getCause() instanceof UnresolvedAddressException) {
            return new ProxyAnswer.Unreachable(upstream, "unknown host " + upstream.baseUrl().getHost());
        }
        if (cause instanceof IOException) {
            return new ProxyAnswer.Unreachable(upstream, "the connection failed: " + describe(cause));
        }
        return new ProxyAnswer.Unreachable(upstream, describe(cause));
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
