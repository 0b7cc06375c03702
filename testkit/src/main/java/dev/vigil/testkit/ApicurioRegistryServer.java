package dev.vigil.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry (in-memory H2 storage) started as a process on a random port. Its
 * distribution is unpacked by the testkit build into the folder named by the system property
 * {@value #HOME_PROPERTY}.
 */
public final class ApicurioRegistryServer implements AutoCloseable {

    public static final String HOME_PROPERTY = "vigil.apicurio.home";
    public static final String JAVA_PROPERTY = "vigil.apicurio.java";

    private final ManagedProcess process;
    private final int port;

    private ApicurioRegistryServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ApicurioRegistryServer start(Path workDir) {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || !Files.isRegularFile(Path.of(home, "quarkus-run.jar"))) {
            throw new IllegalStateException("no Apicurio Registry distribution at " + home + " (system property " + HOME_PROPERTY
                    + "; the testkit build unpacks it)");
        }
        int port = ManagedProcess.freePort();
        // An exchange that stalls is cut after 20 s instead of Quarkus's default 30 min; the
        // serdes retry a closed connection (a CI run once waited the full 30 min on one call).
        ManagedProcess process = ManagedProcess.start("apicurio-registry", List.of(java21OrNewer(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.idle-timeout=20S",
                "-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=h2",
                "-Dquarkus.log.level=WARN", "-Dquarkus.log.console.level=WARN",
                "-Djava.io.tmpdir=" + workDir,
                "-jar", Path.of(home, "quarkus-run.jar").toString()), workDir, workDir.resolve("apicurio-registry.log"));
        ApicurioRegistryServer server = new ApicurioRegistryServer(process, port);
        try {
            process.awaitHttpOk(server.url() + "/apis/registry/v3/system/info", Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return server;
    }

    /**
     * Apicurio Registry 3.3 needs Java 21+: the property {@value #JAVA_PROPERTY}, else this JVM when
     * new enough, else the newest JDK under /usr/lib/jvm (the machines here carry Temurin 25).
     */
    static String java21OrNewer() {
        String configured = System.getProperty(JAVA_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (Runtime.version().feature() >= 21) {
            return ManagedProcess.javaBinary();
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .filter(p -> featureVersion(p.getFileName().toString()) >= 21)
                    .max(Comparator.comparingInt(p -> featureVersion(p.getFileName().toString())))
                    .map(p -> p.resolve("bin/java").toString())
                    .orElseThrow(() -> new IllegalStateException("Apicurio Registry needs Java 21 or newer: install a JDK 21+ under"
                            + " /usr/lib/jvm or set -D" + JAVA_PROPERTY));
        } catch (IOException e) {
            throw new IllegalStateException("cannot look for a Java 21+ under /usr/lib/jvm", e);
        }
    }

    private static int featureVersion(String jdkFolderName) {
        Matcher m = Pattern.compile("(\\d+)").matcher(jdkFolderName);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Base URL, e.g. http://127.0.0.1:PORT. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The URL Apicurio serdes take as {@code apicurio.registry.url}. */
    public String registryApiUrl() {
        return url() + "/apis/registry/v3";
    }

    public String confluentApiUrl() {
        return url() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        process.close();
    }
}
