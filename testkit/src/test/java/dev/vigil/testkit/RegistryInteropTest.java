package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + "/schemas/ids/" + id)).build(),
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
    void theRegistryRefusesASchemaChangeThatBreaksBackwardCompatibility() throws Exception {
        String subject = "compat-check-value";
        String v1 = RequestEvent.getClassSchema().toString();
        assertEquals(200, post(registry.confluentApiUrl() + "/subjects/" + subject + "/versions", Map.of("schema", v1)).statusCode());
        HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + "/config/" + subject))
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

    private static HttpResponse<String> post(String url, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
