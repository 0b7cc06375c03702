package dev.vigil.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.sun.net.httpserver.HttpServer;

import dev.vigil.generator.truth.GroundTruthData;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/**
 * The {@code ./vigil} script as a person uses it, on random ports with its own run folder: up (and up
 * again), status, produce, tail, generate, slo apply, demo stopped with Ctrl-C, down and down --purge;
 * after each stop, no process it started is still alive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VigilCliIT {

    private static Path repo;
    private static Path runDir;
    private static final Map<String, String> ENV = new HashMap<>();
    private static final List<Long> EVERY_PID = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        repo = Path.of(System.getProperty("vigil.repo.root")).toAbsolutePath();
        runDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "cli-run-");
        ENV.put("VIGIL_RUN_DIR", runDir.toString());
        ENV.put("VIGIL_KAFKA_PORT", String.valueOf(ManagedProcess.freePort()));
        ENV.put("VIGIL_KAFKA_CONTROLLER_PORT", String.valueOf(ManagedProcess.freePort()));
        ENV.put("VIGIL_NORMALIZER_PORT", String.valueOf(ManagedProcess.freePort()));
        ENV.put("VIGIL_AGGREGATOR_PORT", String.valueOf(ManagedProcess.freePort()));
        ENV.put("VIGIL_ALERTING_PORT", String.valueOf(ManagedProcess.freePort()));
        ENV.put("VIGIL_CONSOLE_PORT", String.valueOf(ManagedProcess.freePort()));
        ENV.put("VIGIL_PARTITIONS", "2");
        ENV.put("VIGIL_NO_BUILD", "1");
        ENV.put("VIGIL_READY_TIMEOUT", "300");
        ENV.put("VIGIL_KAFKA_HEAP", "384m");
        // Extra JVM flags reach the apps (and the quick JIT tier shortens their start on a busy machine).
        ENV.put("VIGIL_APP_OPTS", "-XX:TieredStopAtLevel=1 -Dcli-test-marker=true");
        ENV.put("JAVA_HOME", System.getProperty("java.home"));
        // Topics of this test's own (the demo's traffic fills the raw topics); up creates them too.
        ENV.put("VIGIL_EXTRA_TOPICS", "cli-lines cli-alb");
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            vigil(Duration.ofMinutes(2), null, "down", "--purge");
        } finally {
            // Whatever a failed test left behind: stop it by its pid.
            for (long pid : EVERY_PID) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            TempDirs.deleteQuietly(runDir);
            Files.deleteIfExists(demoLog());
        }
    }

    record Run(int code, String output) {
    }

    static Run vigil(Duration timeout, String stdin, String... args) throws Exception {
        return vigil(timeout, stdin, Map.of(), args);
    }

    static Run vigil(Duration timeout, String stdin, Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("vigil").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().putAll(ENV);
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        AtomicReference<String> out = new AtomicReference<>("");
        Thread reader = new Thread(() -> {
            try {
                out.set(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.set("(output lost: " + e + ")");
            }
        });
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(5_000);
            throw new AssertionError("vigil " + String.join(" ", args) + " did not finish within " + timeout + ":\n" + out.get());
        }
        reader.join(10_000);
        return new Run(p.exitValue(), out.get());
    }

    /** Outside the run folder, which down --purge deletes. */
    static Path demoLog() {
        return runDir.resolveSibling(runDir.getFileName() + "-demo.log");
    }

    /** Every pid the run folder names (broker, apps, generator), remembered for the final clean-up. */
    static List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(runDir.resolve("pids"))) {
            try (Stream<Path> s = Files.list(runDir.resolve("pids"))) {
                s.forEach(files::add);
            }
        }
        files.add(runDir.resolve("kafka/kafka.pid"));
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                pids.add(Long.parseLong(Files.readString(f).trim()));
            }
        }
        EVERY_PID.addAll(pids);
        return pids;
    }

    static void assertAllGone(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (long pid : pids) {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid + " still alive").isFalse();
        }
    }

    @Test
    @Order(1)
    void theScriptIsShellcheckClean() throws Exception {
        Process p = new ProcessBuilder("shellcheck", repo.resolve("vigil").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("shellcheck (install it with scripts/install-test-deps):\n" + out).isZero();
    }

    @Test
    @Order(2)
    void aTakenPortStopsUpBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(ENV.get("VIGIL_AGGREGATOR_PORT"))));
            Run r = vigil(Duration.ofMinutes(2), null, "up");
            assertThat(r.code()).as(r.output()).isNotZero();
            assertThat(r.output()).contains("port " + ENV.get("VIGIL_AGGREGATOR_PORT") + " (sli-aggregator) is taken")
                    .contains("set VIGIL_AGGREGATOR_PORT");
            assertThat(pids()).as("nothing started").isEmpty();
        }
    }

    @Test
    @Order(3)
    void theDemoStartsEverythingAndCtrlCStopsEverything() throws Exception {
        Path log = demoLog();
        ProcessBuilder pb = new ProcessBuilder("setsid", "bash", repo.resolve("vigil").toString(), "demo", "--minutes", "10")
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(ENV);
        Process demo = pb.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.readString(log).contains("SERVICE (1h)") && demo.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        String shown = Files.readString(log);
        assertThat(shown).as(shown).contains("SERVICE (1h)").contains("Incidents: checkout 30% 5xx");
        List<Long> started = pids();
        assertThat(started).as("broker, three apps and the generator").hasSize(5);
        assertThat(Files.readString(runDir.resolve("pids/generator.pid")).trim()).isNotEmpty();

        // Ctrl-C in the terminal: SIGINT to the demo's whole process group.
        new ProcessBuilder("kill", "-INT", "--", "-" + demo.pid()).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(demo.waitFor(2, TimeUnit.MINUTES)).as(Files.readString(log)).isTrue();
        String after = Files.readString(log);
        assertThat(after).contains("stopping what the demo started").contains("the demo's ground truth");
        assertAllGone(started);
        GroundTruthData truth = GroundTruthData.read(runDir.resolve("demo/ground-truth.jsonl"));
        assertThat(truth.end()).as("the generator finished its ground truth on the way out").isPresent();
        assertThat(truth.requests()).isPositive();
        assertThat(truth.incidents()).extracting(i -> i.service()).containsExactly("checkout", "search");
    }

    @Test
    @Order(4)
    void upIsIdempotentAndStatusShowsReadiness() throws Exception {
        Run up = vigil(Duration.ofMinutes(6), null, "up");
        assertThat(up.code()).as(up.output()).isZero();
        assertThat(up.output()).contains("ingest-normalizer ready").contains("sli-aggregator ready").contains("alerting ready");
        List<Long> first = pids();
        for (long pid : first) {
            String cmd = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
            if (cmd.contains("quarkus-run.jar")) {
                assertThat(cmd).contains("-Dcli-test-marker=true").contains("-Dvigil.api.token=vigil-local-token")
                        .contains("-Dquarkus.kafka-streams.application-server=127.0.0.1:");
            }
        }

        Run again = vigil(Duration.ofMinutes(3), null, "up");
        assertThat(again.code()).as(again.output()).isZero();
        assertThat(again.output()).contains("already running").contains("all").contains("exist");
        assertThat(pids()).containsExactlyInAnyOrderElementsOf(first);

        Run status = vigil(Duration.ofMinutes(2), null, "status");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(status.output()).contains("kafka").containsPattern("ingest-normalizer +running .* ready +lag")
                .containsPattern("sli-aggregator +running .* ready").containsPattern("alerting +running .* ready");
    }

    @Test
    @Order(5)
    void produceAndTailRoundTrip() throws Exception {
        Path file = runDir.resolve("events.jsonl");
        Files.writeString(file, """
                {"timestamp":1767225600000,"service":"checkout","endpoint":"GET /carts/{id}","statusCode":200,"latencyMs":12.5}
                {"timestamp":1767225600001,"service":"checkout","endpoint":"GET /carts/{id}","statusCode":503,"latencyMs":40.0}
                """);
        Run produced = vigil(Duration.ofMinutes(2), null, "produce", "cli-lines", file.toString());
        assertThat(produced.code()).as(produced.output()).isZero();
        assertThat(produced.output()).contains("2 record(s) written to cli-lines");
        Run piped = vigil(Duration.ofMinutes(2), "from stdin\n", "produce", "cli-lines");
        assertThat(piped.code()).as(piped.output()).isZero();

        Run tail = vigil(Duration.ofMinutes(2), null, "tail", "cli-lines", "--from-beginning", "--max", "3", "--timeout", "30");
        assertThat(tail.code()).as(tail.output()).isZero();
        assertThat(tail.output().lines()).containsExactlyInAnyOrder(
                "{\"timestamp\":1767225600000,\"service\":\"checkout\",\"endpoint\":\"GET /carts/{id}\",\"statusCode\":200,\"latencyMs\":12.5}",
                "{\"timestamp\":1767225600001,\"service\":\"checkout\",\"endpoint\":\"GET /carts/{id}\",\"statusCode\":503,\"latencyMs\":40.0}",
                "from stdin");

        Run avro = vigil(Duration.ofMinutes(2), null, "tail", "alerts", "--from-beginning", "--timeout", "2");
        assertThat(avro.code()).as(avro.output()).isZero();
        Run missing = vigil(Duration.ofMinutes(2), null, "tail", "no-such-topic", "--timeout", "1");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.output()).contains("topic 'no-such-topic' does not exist");
    }

    @Test
    @Order(6)
    void generateWritesTheRawTopicsItsGroundTruthCounts() throws Exception {
        Path truthFile = runDir.resolve("truth.jsonl");
        Run gen = vigil(Duration.ofMinutes(3), null, "generate", "--mode", "simulated", "--count", "600", "--quiet",
                "--topic", "raw.alb=cli-alb", "--ground-truth", truthFile.toString());
        assertThat(gen.code()).as(gen.output()).isZero();
        GroundTruthData truth = GroundTruthData.read(truthFile);
        long albRecords = truth.topic("cli-alb").orElseThrow().records();
        assertThat(albRecords).isPositive();
        Run tail = vigil(Duration.ofMinutes(2), null, "tail", "cli-alb", "--from-beginning", "--timeout", "5");
        assertThat(tail.output().lines().filter(l -> l.contains("targetgroup/auth/") || l.contains(" reviews "))).hasSize((int) albRecords);
    }

    @Test
    @Order(7)
    void sloApplySendsTheFileWithTheTokenAndReportsRefusals() throws Exception {
        HttpServer alerting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> seen = new AtomicReference<>();
        alerting.createContext("/api/v1/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.set(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Authorization") + " "
                    + ex.getRequestHeaders().getFirst("Content-Type") + "\n" + body);
            boolean ok = body.contains("checkout-availability");
            byte[] answer = (ok ? "[\"checkout-availability\"]" : "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"no slos\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ok ? 200 : 400, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        alerting.start();
        try {
            Map<String, String> env = Map.of("VIGIL_ALERTING_PORT", String.valueOf(alerting.getAddress().getPort()));
            Path slos = repo.resolve("traffic-generator/src/main/resources/demo-slos.yaml");
            Run ok = vigil(Duration.ofMinutes(1), null, env, "slo", "apply", slos.toString());
            assertThat(ok.code()).as(ok.output()).isZero();
            assertThat(ok.output()).contains("[\"checkout-availability\"]");
            assertThat(seen.get()).startsWith("POST /api/v1/slos:apply Bearer vigil-local-token application/yaml\n")
                    .endsWith(Files.readString(slos));

            Path empty = runDir.resolve("empty.yaml");
            Files.writeString(empty, "slos: []\n");
            Run refused = vigil(Duration.ofMinutes(1), null, env, "slo", "apply", empty.toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.output()).contains("\"detail\":\"no slos\"").contains("HTTP 400");
            assertThat(vigil(Duration.ofMinutes(1), null, env, "slo", "apply", "absent.yaml").output()).contains("no such file");
        } finally {
            alerting.stop(0);
        }
    }

    @Test
    @Order(8)
    void downStopsEverythingAndPurgeDeletesTheRunFolder() throws Exception {
        List<Long> running = pids();
        assertThat(running).hasSize(4);
        Run down = vigil(Duration.ofMinutes(3), null, "down");
        assertThat(down.code()).as(down.output()).isZero();
        assertAllGone(running);
        Run status = vigil(Duration.ofMinutes(1), null, "status");
        assertThat(status.code()).isNotZero();
        assertThat(status.output()).containsPattern("kafka +stopped").containsPattern("alerting +stopped");
        assertThat(runDir.resolve("kafka/data")).as("data kept without --purge").isDirectory();

        Run purge = vigil(Duration.ofMinutes(1), null, "down", "--purge");
        assertThat(purge.code()).as(purge.output()).isZero();
        assertThat(runDir).doesNotExist();
    }
}
