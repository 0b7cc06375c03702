package dev.vigil.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of Vigil's apps started from its built jar ({@code target/quarkus-app/quarkus-run.jar}) as a
 * separate process on a random port, with its state under the test's own folder. Stopped by its
 * pid on {@link #close()}.
 */
public final class AppProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final int port;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private ManagedProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AppProcess(String name, Path jar, Path workDir, int port, Map<String, String> properties, List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.workDir = workDir;
        this.port = port;
        this.properties = properties;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts {@code jar} with {@code properties} (as -D flags) on a free port; {@code vigil.state-dir}
     * defaults to a folder under {@code workDir}. Returns once /q/health/live answers UP.
     */
    public static AppProcess start(String name, Path jar, Path workDir, Map<String, String> properties) {
        return start(name, jar, workDir, properties, List.of());
    }

    /** As {@link #start(String, Path, Path, Map)}, with JVM options after the defaults (a later -Xmx wins). */
    public static AppProcess start(String name, Path jar, Path workDir, Map<String, String> properties, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no app jar at " + jar + "; build it with mvn package");
        }
        int port = properties.containsKey("quarkus.http.port") ? Integer.parseInt(properties.get("quarkus.http.port"))
                : ManagedProcess.freePort();
        Map<String, String> props = new TreeMap<>(properties);
        props.put("quarkus.http.port", String.valueOf(port));
        props.putIfAbsent("quarkus.http.host", "127.0.0.1");
        props.putIfAbsent("vigil.state-dir", workDir.resolve(name + "-" + port + "-state").toString());
        AppProcess app = new AppProcess(name, jar, workDir, port, props, jvmOptions);
        app.start();
        return app;
    }

    /** Starts the process again with the same port, properties and state (after {@link #kill()} or {@link #stop()}). */
    public void start() {
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.javaBinary());
        // As ./vigil starts the apps: the heap grows with the live set (as in a container, where the initial
        // heap is 1/64 of the limit) instead of starting at its cap, which on a large machine it would.
        command.addAll(List.of("-Xms32m", "-Xmx384m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + workDir);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        process = ManagedProcess.start(name, command, workDir, workDir.resolve(name + "-" + port + ".log"));
        process.awaitHttpOk(url("/q/health/live"), Duration.ofSeconds(60));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The status code and body of a GET. */
    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " on " + name + " failed: " + e, e);
        }
    }

    /** Waits until readiness answers 200 (Kafka Streams RUNNING). */
    public void awaitReady(Duration timeout) {
        process.awaitHttpOk(url("/q/health/ready"), timeout);
    }

    public String log() {
        try {
            return Files.readString(process.log());
        } catch (Exception e) {
            return "";
        }
    }

    /** kill -9. */
    public void kill() {
        process.kill();
    }

    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
