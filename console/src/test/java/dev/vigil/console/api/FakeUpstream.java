package dev.vigil.console.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random loopback port that plays an upstream app: it records what it was
 * asked (method, raw path and query) and answers by path.
 */
final class FakeUpstream implements AutoCloseable {

    record Seen(String method, String rawPath, String rawQuery, String accept) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    void clear() {
        seen.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Accept")));
        try (exchange) {
            if (path.equals("/api/v1/services")) {
                exchange.getResponseHeaders().add("X-Vigil-Served-By", "127.0.0.1:9999");
                exchange.getResponseHeaders().add("X-Vigil-Stale", "standby; lag=42");
                exchange.getResponseHeaders().add("X-Internal-Secret", "not for browsers");
                send(exchange, 200, "application/json", "[{\"service\":\"checkout\",\"total\":12}]");
            } else if (path.equals("/api/v1/rebalancing")) {
                exchange.getResponseHeaders().add("Retry-After", "2");
                send(exchange, 503, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"rebalancing\"}");
            } else if (path.equals("/api/v1/slow")) {
                sleep(3_000);
                send(exchange, 200, "application/json", "[]");
            } else if (path.startsWith("/api/v1/")) {
                send(exchange, 200, "application/json", "{\"path\":\"" + path + "\"}");
            } else {
                send(exchange, 404, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such resource: " + path + "\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
