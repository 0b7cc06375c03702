package dev.vigil.alerting.alertmanager;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.testkit.ManagedProcess;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on a random loopback port, clustering
 * off, with its data and a minimal config in its own folder; stopped by its pid.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    static final String BINARY = System.getProperty("vigil.alertmanager.binary", "/usr/bin/prometheus-alertmanager");

    private final Path dir;
    private final int port;
    private ManagedProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private AlertmanagerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static AlertmanagerProcess start(Path dir) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException("no Alertmanager at " + BINARY + ": install it with 'apt-get install prometheus-alertmanager' "
                    + "(scripts/install-test-deps does) or point -Dvigil.alertmanager.binary at one");
        }
        AlertmanagerProcess am = new AlertmanagerProcess(dir, ManagedProcess.freePort());
        am.start();
        return am;
    }

    /** Starts it (again) on the same port with empty storage. */
    public void start() {
        try {
            Path storage = Files.createDirectories(dir.resolve("data-" + System.nanoTime()));
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
            process = ManagedProcess.start("alertmanager", List.of(BINARY, "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=", "--storage.path=" + storage, "--config.file=" + config, "--log.level=warn"), dir,
                    dir.resolve("alertmanager.log"));
            process.awaitHttpOk(url() + "/-/ready", Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** GET /api/v2/alerts: the alerts Alertmanager holds as active now. */
    public JsonNode alerts() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
