package dev.vigil.avro.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.serde.VigilSerdes;

/**
 * A record that cannot be decoded never stops a stream thread: it is dead-lettered with reason
 * UNDECODABLE, counted by Kafka Streams' own {@code dropped-records-total} metric (the handler
 * answers CONTINUE), and logged as one line, at most once per {@link #LOG_EVERY} with a count.
 *
 * <p>The dead letter is written by a plain producer, outside the stream's transaction: after a
 * crash a dead letter may be written twice, never lost. Configure with
 * {@value #TOPIC_KEY} (default {@value #DEFAULT_TOPIC}) and {@value #APP_KEY}.
 */
public class DeadLetteringDeserializationExceptionHandler implements DeserializationExceptionHandler {

    public static final String TOPIC_KEY = "vigil.dead-letter.topic";
    public static final String APP_KEY = "vigil.dead-letter.app";
    public static final String DEFAULT_TOPIC = "ingest-dlq";
    static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringDeserializationExceptionHandler.class);

    private final Map<String, Object> producerConfig = new HashMap<>();
    private String topic = DEFAULT_TOPIC;
    private String app = "vigil";
    private VigilSerdes serdes = VigilSerdes.embedded();
    private Producer<String, byte[]> producer;
    private long lastLogAt = Long.MIN_VALUE;
    private long suppressed;

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(TOPIC_KEY);
        if (t != null && !t.toString().isBlank()) {
            topic = t.toString();
        }
        Object a = configs.containsKey(APP_KEY) ? configs.get(APP_KEY) : configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (a != null) {
            app = a.toString();
        }
        serdes = VigilSerdes.fromConfig(configs);
        // Reuse the stream's connection and security settings for the dead-letter producer.
        for (String name : ProducerConfig.configNames()) {
            Object v = configs.get(name);
            if (v != null) {
                producerConfig.put(name, v);
            }
            Object prefixed = configs.get(StreamsConfig.PRODUCER_PREFIX + name);
            if (prefixed != null) {
                producerConfig.put(name, prefixed);
            }
        }
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, app + "-dead-letters");
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        byte[] raw = record.value() != null ? record.value() : record.key();
        DeadLetter letter = DeadLetters.of(DeadLetterReason.UNDECODABLE, String.valueOf(exception.getMessage()), app,
                new DeadLetters.Origin(record.topic(), record.partition(), record.offset(), record.timestamp(), null, null),
                raw, System.currentTimeMillis());
        logOneLine(record, exception);
        try {
            producer().send(new ProducerRecord<>(topic, record.topic(), serdes.serde(DeadLetter.class).serializer().serialize(topic, letter)),
                    (md, e) -> {
                        if (e != null) {
                            LOG.warn("could not write dead letter for {}-{}@{} to {}: {}", record.topic(), record.partition(),
                                    record.offset(), topic, e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("could not write dead letter for {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(), topic, e.toString());
        }
        return DeserializationHandlerResponse.CONTINUE;
    }

    private synchronized void logOneLine(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        long now = System.currentTimeMillis();
        if (lastLogAt == Long.MIN_VALUE || now - lastLogAt >= LOG_EVERY.toMillis()) {
            LOG.warn("undecodable record {}-{}@{} dead-lettered to {} ({}){}", record.topic(), record.partition(), record.offset(),
                    topic, exception.getMessage(), suppressed > 0 ? "; " + suppressed + " more since the last report" : "");
            lastLogAt = now;
            suppressed = 0;
        } else {
            suppressed++;
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
