package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.SerdeMode;
import dev.vigil.avro.serde.VigilSerdes;

/** Registry mode against a real Apicurio Registry: Confluent wire format, and compatibility enforced by the registry. */
class RegistryInteropTest {

    static Path work;
    static ApicurioRegistryServer registry;
    static KafkaTestCluster kafka;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "registry-");
        registry = ApicurioRegistryServer.start(work);
        kafka = KafkaTestCluster.start();
        kafka.createTopics(1, "request-events");
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (registry != null) {
            registry.close();
        }
        TempDirs.deleteQuietly(work);
    }

    @Test
    void aRecordWrittenInRegistryModeIsReadByAConfluentWireFormatReader() throws Exception {
        VigilSerdes serdes = VigilSerdes.fromConfig(Map.of(VigilSerdes.MODE_KEY, "registry",
                VigilSerdes.REGISTRY_URL_KEY, registry.registryApiUrl()));
        assertEquals(SerdeMode.REGISTRY, serdes.mode());
        Serde<RequestEvent> serde = serdes.serde(RequestEvent.class);
        RequestEvent event = Events.event("checkout", 503, 42.5);
        kafka.produce("request-events", serde.serializer(), Map.of("checkout", event));

        List<ConsumerRecord<String, byte[]>> raw = kafka.consumeRaw("request-events", 1, Duration.ofSeconds(30));
        byte[] bytes = raw.get(0).value();
        // Confluent wire format: magic byte 0, then a 4-byte big-endian schema id, then Avro binary.
        assertEquals(0, bytes[0]);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();

        // An independent reader: the schema comes from the Confluent-compatible API by id.
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + "/schemas/ids/" + id)).timeout(CALL_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Schema writer = new Schema.Parser().parse(JSON.readTree(response.body()).get("schema").asText());
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertEquals("checkout", decoded.get("service").toString());
        assertEquals(503, decoded.get("statusCode"));
        assertEquals(42.5, decoded.get("latencyMs"));
        assertEquals("AVAILABILITY_ERROR", decoded.get("outcome").toString());

        // And the project's own registry deserializer reads it back as the specific class.
        assertEquals(event, serde.deserializer().deserialize("request-events", bytes));
    }

    @Test
    void aRegistryConnectionThatClosesMidCallIsRetried() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(URI.create(registry.url()).getPort())) {
            Serde<RequestEvent> serde = VigilSerdes.registry(proxy.url() + "/apis/registry/v3").serde(RequestEvent.class);
            kafka.createTopics(1, "retried-events");
            RequestEvent event = Events.event("search", 200, 7.0);
            // The first registry call (registering the schema) meets a connection closed before any answer.
            kafka.produce("retried-events", serde.serializer(), Map.of("search", event));
            byte[] bytes = kafka.consumeRaw("retried-events", 1, Duration.ofSeconds(30)).get(0).value();

            assertEquals(event, serde.deserializer().deserialize("retried-events", bytes));
            assertEquals(1, proxy.dropped.get());
            assertTrue(proxy.accepted.get() >= 2, "the call was retried on a new connection");
        }
    }

    @Test
    void theRegistryRefusesASchemaChangeThatBreaksBackwardCompatibility() throws Exception {
        String subject = "compat-check-value";
        String v1 = RequestEvent.getClassSchema().toString();
        assertEquals(200, post(registry.confluentApiUrl() + "/subjects/" + subject + "/versions", Map.of("schema", v1)).statusCode());
        HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + "/config/" + subject)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, config.statusCode(), config.body());

        // A required field without a default: records written with v1 cannot be read with it.
        Map<String, Object> tree = JSON.readValue(v1, Map.class);
        @SuppressWarnings("unchecked")
        List<Object> fields = (List<Object>) tree.get("fields");
        fields.add(Map.of("name", "tenant", "type", "string", "doc", "required, no default"));
        HttpResponse<String> refused = post(registry.confluentApiUrl() + "/subjects/" + subject + "/versions",
                Map.of("schema", JSON.writeValueAsString(tree)));
        assertEquals(409, refused.statusCode(), refused.body());

        // A compatible change (an optional field with a default) is accepted.
        Map<String, Object> optional = new java.util.LinkedHashMap<>();
        optional.put("name", "tenant");
        optional.put("type", List.of("null", "string"));
        optional.put("default", null);
        optional.put("doc", "optional");
        fields.set(fields.size() - 1, optional);
        HttpResponse<String> accepted = post(registry.confluentApiUrl() + "/subjects/" + subject + "/versions",
                Map.of("schema", JSON.writeValueAsString(tree)));
        assertEquals(200, accepted.statusCode(), accepted.body());
    }

    /** A TCP proxy to the registry that reads the first request it is sent and closes that connection unanswered. */
    static final class DroppingProxy implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int target;

        DroppingProxy(int target) throws IOException {
            this.target = target;
            daemon(this::acceptLoop);
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (accepted.incrementAndGet() == 1) {
                        client.getInputStream().read(new byte[8192]);
                        dropped.incrementAndGet();
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private static void pipe(Socket from, Socket to) {
            daemon(() -> {
                try (from; to) {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                    // either side closed
                }
            });
        }

        private static void daemon(Runnable task) {
            Thread thread = new Thread(task, "dropping-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static HttpResponse<String> post(String url, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
