package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/**
 * The console in a real headless Chromium against the real local stack: {@code ./vigil up} on
 * random ports (a real broker and the three apps from their jars), the demo SLOs, twelve minutes of
 * simulated history, then real-time traffic with a 45-second error spike on checkout; the console
 * jar in front. {@code e2e/console.e2e.mjs} (playwright-core driving Debian's chromium) checks the
 * overview, that the charts draw the REST API's numbers, the incident firing then resolving, the
 * phone layout, dark mode, accessibility basics and an unreachable upstream; it saves screenshots
 * under {@code target/screenshots}.
 */
class ConsoleBrowserIT {

    private static final String INCIDENT_SERVICE = "checkout";
    private static final String INCIDENT_SLO = "checkout-availability";
    private static final Path CHROMIUM = Path.of(System.getProperty("vigil.chromium", "/usr/bin/chromium"));

    @Test
    void theConsoleShowsTheLiveStackAndAnIncidentFromFiringToResolved() throws Exception {
        assertThat(CHROMIUM).as("the browser tests need Debian's chromium package (apt-get install chromium; "
                + "scripts/install-test-deps installs it)").isExecutable();
        Path root = Path.of(System.getProperty("vigil.repo.root"));
        Path frontend = Path.of(System.getProperty("console.frontend.dir"));
        Path consoleJar = Path.of(System.getProperty("vigil.app.jar"));
        Path target = consoleJar.getParent().getParent();
        Path work = Files.createTempDirectory(target, "browser-");
        Path shots = target.resolve("screenshots");

        Map<String, String> env = new LinkedHashMap<>();
        env.put("VIGIL_RUN_DIR", work.resolve("run").toString());
        env.put("VIGIL_KAFKA_PORT", String.valueOf(ManagedProcess.freePort()));
        env.put("VIGIL_KAFKA_CONTROLLER_PORT", String.valueOf(ManagedProcess.freePort()));
        env.put("VIGIL_NORMALIZER_PORT", String.valueOf(ManagedProcess.freePort()));
        env.put("VIGIL_AGGREGATOR_PORT", String.valueOf(ManagedProcess.freePort()));
        env.put("VIGIL_ALERTING_PORT", String.valueOf(ManagedProcess.freePort()));
        env.put("VIGIL_CONSOLE_PORT", String.valueOf(ManagedProcess.freePort()));
        env.put("VIGIL_PARTITIONS", "2");
        env.put("VIGIL_NO_BUILD", "1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        String bootstrap = "127.0.0.1:" + env.get("VIGIL_KAFKA_PORT");
        String aggregator = "http://127.0.0.1:" + env.get("VIGIL_AGGREGATOR_PORT");
        String alerting = "http://127.0.0.1:" + env.get("VIGIL_ALERTING_PORT");

        List<AutoCloseable> started = new ArrayList<>();
        try {
            vigil(root, env, work, Duration.ofMinutes(5), "up");
            vigil(root, env, work, Duration.ofMinutes(1), "slo", "apply",
                    root.resolve("traffic-generator/src/main/resources/demo-slos.yaml").toString());
            // History first (simulated event time, written in seconds): settled minutes to compare the charts with.
            ManagedProcess history = generator(root, work, "history", bootstrap, "--mode", "simulated", "--rate", "30",
                    "--duration", "12m", "--incidents", "none", "--seed", "11");
            started.add(history);
            awaitExit(history, Duration.ofMinutes(2));
            AppProcess console = AppProcess.start("console", consoleJar, work, Map.of("vigil.console.aggregator-url", aggregator,
                    "vigil.console.alerting-url", alerting, "vigil.console.refresh-interval", "2s"));
            started.add(console);
            AppProcess broken = AppProcess.start("console-broken", consoleJar, work, Map.of("vigil.console.aggregator-url", aggregator,
                    "vigil.console.alerting-url", "http://127.0.0.1:" + ManagedProcess.freePort(), "vigil.console.refresh-interval", "2s"));
            started.add(broken);
            // Then live traffic, with the incident 45 s in (while the page's first checks run): it pages within
            // a minute and resolves about a minute after it ends. Another seed: no request id repeats the history's.
            started.add(generator(root, work, "live", bootstrap, "--mode", "realtime", "--rate", "30", "--duration", "6m",
                    "--incidents", "error-spike:" + INCIDENT_SERVICE + ":45s:45s:0.5", "--seed", "12"));

            Map<String, String> e2eEnv = new LinkedHashMap<>();
            e2eEnv.put("CONSOLE_URL", console.url(""));
            e2eEnv.put("BROKEN_CONSOLE_URL", broken.url(""));
            e2eEnv.put("INCIDENT_SERVICE", INCIDENT_SERVICE);
            e2eEnv.put("INCIDENT_SLO", INCIDENT_SLO);
            e2eEnv.put("SCREENSHOT_DIR", shots.toString());
            e2eEnv.put("CHROMIUM", CHROMIUM.toString());
            e2eEnv.put("E2E_TMP", work.toString());
            Result e2e = run(List.of("node", "e2e/console.e2e.mjs"), frontend, e2eEnv, work.resolve("e2e.log"), Duration.ofMinutes(12));
            assertThat(e2e.exitCode()).as("the browser test failed:\n%s\n--- console log ---\n%s", e2e.output(), console.log()).isZero();
            assertThat(e2e.output()).contains("passed, 0 failed");
            assertThat(shots.resolve("overview.png")).isNotEmptyFile();
            assertThat(shots.resolve("service.png")).isNotEmptyFile();
            assertThat(shots.resolve("service-incident.png")).isNotEmptyFile();
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            try {
                vigil(root, env, work, Duration.ofMinutes(3), "down", "--purge");
            } finally {
                TempDirs.deleteQuietly(work);
            }
        }
    }

    /** The traffic generator from its built jar and target/lib, as ./vigil runs it. */
    private static ManagedProcess generator(Path root, Path work, String name, String bootstrap, String... args) throws IOException {
        Path module = root.resolve("traffic-generator/target");
        Path jar;
        try (Stream<Path> jars = Files.list(module)) {
            jar = jars.filter(p -> p.getFileName().toString().matches("vigil-traffic-generator-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(tests|sources)\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the traffic generator is not built under " + module));
        }
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaBinary(), "-Xmx256m", "-cp",
                module.resolve("lib") + "/*" + java.io.File.pathSeparator + jar, "dev.vigil.generator.Main",
                "--bootstrap-servers", bootstrap, "--quiet"));
        command.addAll(List.of(args));
        return ManagedProcess.start("generator-" + name, command, work, work.resolve("generator-" + name + ".log"));
    }

    private static void awaitExit(ManagedProcess process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still running after " + timeout + ":\n" + process.tail(20));
            }
            Thread.sleep(200);
        }
    }

    private static void vigil(Path root, Map<String, String> env, Path work, Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("vigil").toString());
        command.addAll(List.of(args));
        Result r = run(command, root, env, work.resolve("vigil-" + args[0] + ".log"), timeout);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("./vigil " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.output());
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command to its end (killed, with its children, past the timeout). */
    private static Result run(List<String> command, Path dir, Map<String, String> env, Path log, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            return new Result(-1, "timed out after " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
