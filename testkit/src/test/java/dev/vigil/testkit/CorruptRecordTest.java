package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.deadletter.DeadLetteringDeserializationExceptionHandler;
import dev.vigil.avro.serde.VigilSerdes;

/** A corrupt record never stops a stream thread: it is counted, dead-lettered, and the next record flows. */
class CorruptRecordTest {

    static KafkaTestCluster kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(1, "in", "out", "dlq");
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void corruptAndUnknownSchemaRecordsAreDeadLetteredAndTheThreadKeepsRunning() throws Exception {
        Serde<RequestEvent> serde = VigilSerdes.embedded().serde(RequestEvent.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), serde))
                .mapValues(e -> e.getService().toString())
                .to("out", Produced.with(Serdes.String(), Serdes.String()));

        Path state = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "streams-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "corrupt-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringDeserializationExceptionHandler.class);
        props.put(DeadLetteringDeserializationExceptionHandler.TOPIC_KEY, "dlq");
        props.put(DeadLetteringDeserializationExceptionHandler.APP_KEY, "corrupt-test");
        props.put("consumer.auto.offset.reset", "earliest");

        byte[] good1 = serde.serializer().serialize("in", Events.event("first", 200, 1));
        byte[] corrupt = "\u00c3\u0001garbage that is not avro".getBytes(StandardCharsets.ISO_8859_1);
        byte[] good2 = serde.serializer().serialize("in", Events.event("second", 500, 2));
        try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("in", "k", good1));
            producer.send(new ProducerRecord<>("in", "k", corrupt));
            producer.send(new ProducerRecord<>("in", "k", good2));
            producer.flush();
        }

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            List<ConsumerRecord<String, String>> out = kafka.consume("out", Serdes.String().deserializer(), 2, Duration.ofSeconds(60));
            assertEquals(List.of("first", "second"), out.stream().map(ConsumerRecord::value).toList());
            assertEquals(KafkaStreams.State.RUNNING, streams.state());

            List<ConsumerRecord<String, DeadLetter>> dead = kafka.consume("dlq",
                    VigilSerdes.embedded().serde(DeadLetter.class).deserializer(), 1, Duration.ofSeconds(30));
            assertEquals(1, dead.size());
            DeadLetter letter = dead.get(0).value();
            assertEquals("in", dead.get(0).key());
            assertEquals(DeadLetterReason.UNDECODABLE, letter.getReason());
            assertEquals(1L, letter.getSourceOffset());
            assertEquals("corrupt-test", letter.getApp());
            assertEquals(corrupt.length, letter.getRawSize());
            assertTrue(letter.getMessage().contains("RequestEvent"), letter.getMessage());

            double dropped = streams.metrics().values().stream()
                    .filter(m -> m.metricName().name().equals("dropped-records-total"))
                    .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
            assertEquals(1.0, dropped, "Kafka Streams counts the skipped record");
        } finally {
            TempDirs.deleteQuietly(state);
        }
    }
}
