package dev.vigil.console.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import com.sun.net.httpserver.HttpServer;

import dev.vigil.console.proxy.ProxyAnswer;
import dev.vigil.console.proxy.Upstream;
import dev.vigil.console.proxy.UpstreamProxy;

/**
 * What the console's forwarding costs: one GET through {@link UpstreamProxy} to a local upstream
 * answering a body of the given size (a 60-point SLI series is about 20 KiB, a 720-point one about
 * 240 KiB), against the same GET sent directly. Run: see docs/console.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// TCP_NODELAY on the JDK's test server: otherwise Nagle and delayed ACKs add ~40 ms and measure the server, not the proxy.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ProxyBenchmark {

    @Param({"20000", "240000"})
    int bodyBytes;

    private HttpServer server;
    private ExecutorService executor;
    private UpstreamProxy proxy;
    private Upstream upstream;
    private java.net.http.HttpClient direct;
    private java.net.http.HttpRequest directRequest;

    @Setup(Level.Trial)
    public void start() throws IOException {
        byte[] body = "x".repeat(bodyBytes).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Vigil-Served-By", "127.0.0.1:8081");
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            }
        });
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        upstream = new Upstream("sli-aggregator", URI.create(base));
        proxy = new UpstreamProxy(Duration.ofSeconds(2), Duration.ofSeconds(5));
        direct = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        directRequest = java.net.http.HttpRequest.newBuilder(URI.create(base + "/api/v1/services/checkout/sli?from=1&to=2")).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Benchmark
    public ProxyAnswer throughTheProxy() throws Exception {
        return proxy.get(upstream, "/v1/services/checkout/sli", "from=1&to=2").toCompletableFuture().get();
    }

    @Benchmark
    public byte[] direct() throws Exception {
        return direct.send(directRequest, java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ProxyBenchmark.class.getSimpleName()).build()).run();
    }
}
