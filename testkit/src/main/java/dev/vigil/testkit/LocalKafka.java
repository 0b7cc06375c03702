package dev.vigil.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's own broker launcher ({@code kafka-launcher/bin/kafka-local}) driven from a test:
 * a real single-node KRaft broker as a separate process, on ports and in a folder of the test's
 * choosing. The repository root comes from the system property {@value #ROOT_PROPERTY}.
 */
public final class LocalKafka implements AutoCloseable {

    public static final String ROOT_PROPERTY = "vigil.repo.root";

    private final Path root;
    private final Path dir;
    private final int port;
    private final int controllerPort;

    private LocalKafka(Path root, Path dir, int port, int controllerPort) {
        this.root = root;
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Describes a broker (not started) on {@code port} with its data in {@code dir}. */
    public static LocalKafka on(int port, Path dir) {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root == null) {
            throw new IllegalStateException("system property " + ROOT_PROPERTY + " is not set");
        }
        return new LocalKafka(Path.of(root), dir, port, ManagedProcess.freePort());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    public Path script() {
        return root.resolve("kafka-launcher/bin/kafka-local");
    }

    public LocalKafka start() {
        run("start");
        return this;
    }

    public void stop() {
        run("stop");
    }

    /** The broker's pid, from the launcher's pid file; -1 when it has none. */
    public long pid() {
        try {
            return Long.parseLong(Files.readString(dir.resolve("kafka.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Runs the launcher with {@code args}; returns its output; fails on a non-zero exit. */
    public String run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs {@code kafka-local tool CLASS ARGS} with {@code input} on its stdin; returns its output. */
    public String runWithInput(String input, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("VIGIL_KAFKA_DIR", dir.toString());
        pb.environment().put("KAFKA_PORT", String.valueOf(port));
        pb.environment().put("KAFKA_CONTROLLER_PORT", String.valueOf(controllerPort));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process p = pb.start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kafka-local " + String.join(" ", args) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kafka-local " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }
}
