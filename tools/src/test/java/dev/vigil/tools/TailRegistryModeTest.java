package dev.vigil.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.ApicurioRegistryServer;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.TempDirs;

/** With vigil.serde.mode=registry, Tail reads the Confluent wire format through a real Apicurio Registry. */
class TailRegistryModeTest {

    private static KafkaTestCluster kafka;
    private static ApicurioRegistryServer registry;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "registry-");
        kafka = KafkaTestCluster.start();
        kafka.createTopics(1, "alerts");
        registry = ApicurioRegistryServer.start(work);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        kafka.close();
        TempDirs.deleteQuietly(work);
    }

    @Test
    void decodesRegistryFramedAlerts() throws Exception {
        VigilSerdes serdes = VigilSerdes.registry(registry.registryApiUrl());
        kafka.produce("alerts", serdes.serde(Alert.class).serializer(),
                Map.of("f9", Samples.alert(AlertStatus.FIRING, "f9", "payments", Samples.T)));

        // The mode and URL come from the environment, as ./vigil passes them through.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Tail(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"alerts", "--from-beginning", "--max", "1", "--timeout", "20", "--bootstrap-servers",
                    kafka.bootstrapServers()}, Map.of("VIGIL_SERDE_MODE", "registry", "VIGIL_REGISTRY_URL", registry.registryApiUrl()),
                        new Properties());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode alert = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(alert.get("service").asText()).isEqualTo("payments");
        assertThat(alert.get("status").asText()).isEqualTo("FIRING");
        assertThat(alert.get("labels").get("severity").asText()).isEqualTo("page");

        // Embedded mode cannot read it, and says so per record instead of failing.
        out.reset();
        Properties embedded = new Properties();
        embedded.setProperty("vigil.serde.mode", "embedded");
        new Tail(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"alerts", "--from-beginning", "--max", "1", "--timeout", "20", "--bootstrap-servers",
                    kafka.bootstrapServers()}, Map.of(), embedded);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"error\":\"cannot decode Alert");
    }
}
