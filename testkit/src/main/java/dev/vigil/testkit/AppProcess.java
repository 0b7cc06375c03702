package dev.vigil.testkit;

import java.io.IOException;
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
 * separate process on a random port, with its state under the test's own folder. The same port,
 * properties and state directory on every {@link #start()}, so a restart after {@link #kill()} or
 * {@link #stop()} continues from its local state; each start writes its own log. Stopped by its pid
 * on {@link #close()}.
 */
public final class AppProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final int port;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ManagedProcess process;
    private int starts;

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
        return of(name, jar, workDir, properties, jvmOptions).start();
    }

    /**
     * Describes an instance without starting it: {@code quarkus.http.port} from {@code properties} or
     * a free port, {@code vigil.state-dir} under {@code workDir} unless given.
     */
    public static AppProcess of(String name, Path jar, Path workDir, Map<String, String> properties, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no app jar at " + jar + "; build it with mvn package");
        }
        int port = properties.containsKey("quarkus.http.port") ? Integer.parseInt(properties.get("quarkus.http.port"))
                : ManagedProcess.freePort();
        Map<String, String> props = new TreeMap<>(properties);
        props.put("quarkus.http.port", String.valueOf(port));
        props.putIfAbsent("quarkus.http.host", "127.0.0.1");
        props.putIfAbsent("vigil.state-dir", workDir.resolve(name + "-" + port + "-state").toString());
        return new AppProcess(name, jar, workDir, port, props, jvmOptions);
    }

    /** Starts the process (again, after {@link #kill()} or {@link #stop()}); returns once /q/health/live answers UP. */
    public AppProcess start() {
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.javaBinary());
        // As ./vigil starts the apps: the heap grows with the live set (as in a container, where the initial
        // heap is 1/64 of the limit) instead of starting at its cap, which on a large machine it would.
        command.addAll(List.of("-Xms32m", "-Xmx384m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        // RocksDB and Vert.x files, apart from the state directory (Kafka Streams warns about state under the temp dir).
        Path tmp = workDir.resolve(name + "-" + port + "-tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + tmp + ": " + e.getMessage(), e);
        }
        command.add("-Djava.io.tmpdir=" + tmp);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        starts++;
        process = ManagedProcess.start(name, command, workDir, logOfStart(starts));
        process.awaitHttpOk(url("/q/health/live"), Duration.ofSeconds(90));
        return this;
    }

    private Path logOfStart(int start) {
        return workDir.resolve(name + "-" + port + (start == 1 ? "" : "-" + start) + ".log");
    }

    public String name() {
        return name;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, what the apps report in {@code X-Vigil-Served-By}. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** How many times this instance was started (1 = never restarted). */
    public int starts() {
        return starts;
    }

    /** The status code and body of a GET. */
    public HttpResponse<String> get(String path) {
        return send("GET", path, HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    /** The status code and body of a POST of {@code body}, with a bearer token unless it is null. */
    public HttpResponse<String> post(String path, String contentType, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send("POST", path, request);
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " on " + name + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until readiness answers 200 (Kafka Streams RUNNING). */
    public void awaitReady(Duration timeout) {
        process.awaitHttpOk(url("/q/health/ready"), timeout);
    }

    /** Everything this instance logged, over all its starts. */
    public String log() {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            all.append(log(i));
        }
        return all.toString();
    }

    /** What the {@code start}-th start (from 1) logged; empty if it wrote nothing. */
    public String log(int start) {
        try {
            return Files.readString(logOfStart(start));
        } catch (IOException e) {
            return "";
        }
    }

    /** kill -9 (SIGKILL): no shutdown hook, no commit, no leave-group. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM, then SIGKILL after 20 s: a clean shutdown. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
