package dev.vigil.e2e.support;

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

import dev.vigil.testkit.ManagedProcess;

/**
 * One instance of a built app ({@code <repo>/<app>/target/quarkus-app/quarkus-run.jar}) as a separate
 * process, like the test kit's {@code AppProcess} but with the small-JVM flags these runs need (five
 * apps and the brokers share two cores): a small heap and the serial collector. Same port, properties
 * and state directory on every {@link #start()}, so a restart after {@link #kill()} or {@link #stop()}
 * continues from its local state. Stopped by its pid on {@link #close()}.
 */
public final class AppNode implements AutoCloseable {

    private static final List<String> JVM_FLAGS = List.of("-Xms32m", "-Xmx320m", "-XX:+UseSerialGC");

    private final VigilApp app;
    private final String name;
    private final Path workDir;
    private final int port;
    private final Map<String, String> properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ManagedProcess process;
    private int starts;

    private AppNode(VigilApp app, String name, Path workDir, int port, Map<String, String> properties) {
        this.app = app;
        this.name = name;
        this.workDir = workDir;
        this.port = port;
        this.properties = properties;
    }

    /** Describes an instance (not started): a free port, state under {@code workDir/<name>-state}. */
    public static AppNode of(VigilApp app, String name, Path workDir, Map<String, String> properties) {
        int port = ManagedProcess.freePort();
        Map<String, String> props = new TreeMap<>(properties);
        props.put("quarkus.http.port", String.valueOf(port));
        props.putIfAbsent("quarkus.http.host", "127.0.0.1");
        props.putIfAbsent("vigil.state-dir", workDir.resolve(name + "-state").toString());
        if (Boolean.parseBoolean(props.remove("e2e.application-server"))) {
            props.put("quarkus.kafka-streams.application-server", "127.0.0.1:" + port);
        }
        return new AppNode(app, name, workDir, port, props);
    }

    /** Starts the process; returns once /q/health/live answers (Kafka Streams may still be starting). */
    public AppNode start() {
        Path jar = app.jar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no app jar at " + jar + "; build it first: mvn -pl e2e -am verify");
        }
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.javaBinary());
        command.addAll(JVM_FLAGS);
        Path tmp = workDir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // RocksDB and Vert.x files; apart from the state directories (Kafka Streams warns about state under the temp dir).
        command.add("-Djava.io.tmpdir=" + tmp);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        starts++;
        process = ManagedProcess.start(name, command, workDir, workDir.resolve(name + "-" + starts + ".log"));
        process.awaitHttpOk(url("/q/health/live"), Duration.ofSeconds(90));
        return this;
    }

    public void awaitReady(Duration timeout) {
        process.awaitHttpOk(url("/q/health/ready"), timeout);
    }

    public String name() {
        return name;
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

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    public HttpResponse<String> post(String path, String contentType, String body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every log this instance wrote (all starts). */
    public String logs() {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            try {
                all.append(Files.readString(workDir.resolve(name + "-" + i + ".log")));
            } catch (IOException e) {
                // not written
            }
        }
        return all.toString();
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
