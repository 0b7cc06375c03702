package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;

class KafkaTestClusterTest {

    static KafkaTestCluster kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void projectSerdesRoundTripThroughARealBroker() {
        kafka.createTopics(3, "request-events");
        Serde<RequestEvent> serde = VigilSerdes.embedded().serde(RequestEvent.class);
        Map<String, RequestEvent> sent = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            sent.put("svc-" + i, Events.event("svc-" + i, 200 + i, i * 1.5));
        }
        kafka.produce("request-events", serde.serializer(), sent);

        List<ConsumerRecord<String, RequestEvent>> got = kafka.consume("request-events", serde.deserializer(), 20, Duration.ofSeconds(30));
        Map<String, RequestEvent> received = new LinkedHashMap<>();
        got.forEach(r -> received.put(r.key(), r.value()));
        assertEquals(sent, received);
    }
}
