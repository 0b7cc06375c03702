package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/** The built jar starts on its own (no Kafka, no upstreams), serves the page, and says which upstream is missing. */
class ConsoleJarIT {

    @Test
    void startsAloneServesThePageAndReportsMissingUpstreams() throws Exception {
        Path jar = Path.of(System.getProperty("vigil.app.jar"));
        Path work = Files.createTempDirectory(jar.getParent().getParent(), "jar-");
        int nowhere = ManagedProcess.freePort();
        try (AppProcess console = AppProcess.start("console", jar, work, Map.of(
                "vigil.console.aggregator-url", "http://127.0.0.1:" + nowhere,
                "vigil.console.alerting-url", "http://127.0.0.1:" + nowhere + "/"))) {
            assertThat(console.get("/q/health/live").statusCode()).isEqualTo(200);
            assertThat(console.get("/q/health/ready").statusCode()).isEqualTo(200);

            HttpResponse<String> page = console.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<div id=\"app\"></div>", "/assets/");

            HttpResponse<String> services = console.get("/api/aggregator/v1/services?hours=1");
            assertThat(services.statusCode()).isEqualTo(502);
            assertThat(services.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(services.body()).contains("\"upstream\":\"sli-aggregator\"", "is unreachable: connection refused");
            assertThat(console.get("/api/alerting/v1/slos").body()).contains("\"upstream\":\"alerting\"");

            String log = console.log();
            assertThat(log).doesNotContain("\tat ", "ERROR");
            assertThat(log.lines().count()).as("a quiet log:\n%s", log).isLessThan(10);
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }
}
