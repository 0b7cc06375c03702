package dev.vigil.tools;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.tools.cli.Args;
import dev.vigil.tools.cli.ClientOptions;
import dev.vigil.tools.json.AvroJson;
import dev.vigil.tools.json.VigilType;

/**
 * Prints the records of any Vigil topic, one per line: Avro topics (request-events, ingest-dlq,
 * sli-1m, slo-definitions, alerts) as JSON objects decoded with the project's serdes, raw topics as
 * their text (binary values as {@code base64:...}). Reads read_committed, without a consumer group.
 */
public final class Tail {

    static final String USAGE = """
            usage: tail TOPIC [options]
              --from-beginning         start at the oldest record (default: only new records)
              --max N                  stop after N records
              --timeout SECONDS        stop after SECONDS without a new record (default: run until Ctrl-C)
              --type TYPE              RequestEvent | DeadLetter | SliWindow | SloDefinition | Alert | raw
                                       (default: from the topic name; Avro single-object values are recognised anywhere)
              --keys                   print {"topic","partition","offset","timestamp","key","value"} objects
              --millis                 timestamps as epoch millis instead of ISO-8601
              --bootstrap-servers H    Kafka (default $VIGIL_BOOTSTRAP_SERVERS or 127.0.0.1:9092)
              --command-config FILE    Kafka client and serde settings (security.protocol, sasl.*, ssl.*, vigil.serde.mode, apicurio.*)
              --property K=V           one such setting (repeatable)
            """;
    private static final Set<String> FLAGS = Set.of("--from-beginning", "--keys", "--millis", "--help");
    private static final Set<String> VALUED = union(Set.of("--max", "--timeout", "--type"), ClientOptions.OPTIONS);

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public Tail(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Tail tail = new Tail(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8),
                System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(tail::stop, "tail-stop"));
        int code = tail.run(args, System.getenv(), System.getProperties());
        System.exit(code);
    }

    /** Asks a running tail to end (Ctrl-C) and waits a little for it to close its consumer. */
    public void stop() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the exit code: 0 done, 1 Kafka trouble, 2 bad usage. */
    public int run(String[] args, Map<String, String> env, Properties system) {
        try {
            return tail(args, env, system);
        } catch (Args.UsageException | IllegalArgumentException e) {
            err.println("tail: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } finally {
            out.flush();
            finished.countDown();
        }
    }

    private int tail(String[] args, Map<String, String> env, Properties system) {
        Args a = Args.parse(args, FLAGS, VALUED);
        if (a.flag("--help")) {
            out.print(USAGE);
            return 0;
        }
        if (a.positional().size() != 1) {
            throw new Args.UsageException("name one topic");
        }
        String topic = a.positional().get(0);
        long max = a.number("--max", Long.MAX_VALUE);
        long timeoutSeconds = a.number("--timeout", -1);
        String typeName = a.value("--type", null);
        boolean raw = "raw".equalsIgnoreCase(typeName);
        Optional<VigilType> fixed = typeName == null ? VigilType.forTopic(topic) : raw ? Optional.empty() : Optional.of(VigilType.parse(typeName));
        ClientOptions client = ClientOptions.from(a, env, system);
        VigilSerdes serdes = client.vigilSerdes();
        Map<VigilType, Deserializer<? extends SpecificRecord>> decoders = new HashMap<>();
        AvroJson avro = new AvroJson(!a.flag("--millis"));
        boolean keys = a.flag("--keys");

        Map<String, Object> config = new HashMap<>(client.kafka());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-tail");
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            if (stopping) {
                return 0;
            }
            List<PartitionInfo> partitions;
            try {
                partitions = c.partitionsFor(topic, Duration.ofSeconds(15));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                err.println("tail: no answer from Kafka at " + client.bootstrapServers() + " within 15 s (is it running? ./vigil status)");
                return 1;
            }
            if (partitions == null || partitions.isEmpty()) {
                err.println("tail: topic '" + topic + "' does not exist");
                return 1;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(assigned);
            if (a.flag("--from-beginning")) {
                c.seekToBeginning(assigned);
            } else {
                c.seekToEnd(assigned);
                assigned.forEach(c::position);              // fix the start now, not at the first poll
            }
            long printed = 0;
            long lastRecord = System.nanoTime();
            while (printed < max && !stopping) {
                var records = c.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.println(render(r, fixed, raw, serdes, decoders, avro, keys, !a.flag("--millis")));
                    if (++printed >= max) {
                        break;
                    }
                }
                out.flush();
                if (!records.isEmpty()) {
                    lastRecord = System.nanoTime();
                } else if (timeoutSeconds >= 0 && System.nanoTime() - lastRecord > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                    break;
                }
            }
            return 0;
        } catch (WakeupException e) {
            return 0;                                        // Ctrl-C
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("tail: " + e.getMessage());
            return 1;
        } finally {
            consumer = null;
        }
    }

    private String render(ConsumerRecord<byte[], byte[]> r, Optional<VigilType> fixed, boolean raw, VigilSerdes serdes,
            Map<VigilType, Deserializer<? extends SpecificRecord>> decoders, AvroJson avro, boolean keys, boolean iso) {
        Optional<VigilType> type = raw ? Optional.empty() : fixed.isPresent() ? fixed : VigilType.detect(r.value());
        JsonNode value;
        String text = null;
        String error = null;
        if (r.value() == null) {
            value = json.nullNode();
        } else if (type.isPresent()) {
            Deserializer<? extends SpecificRecord> d = decoders.computeIfAbsent(type.get(), t -> serdes.serde(t.type()).deserializer());
            JsonNode decoded;
            try {
                decoded = avro.toJson(d.deserialize(r.topic(), r.value()));
            } catch (RuntimeException e) {
                error = e.getMessage();
                decoded = json.getNodeFactory().textNode(textOrBase64(r.value()));
            }
            value = decoded;
        } else {
            text = textOrBase64(r.value());
            value = json.getNodeFactory().textNode(text);
        }
        if (!keys && error == null) {
            if (r.value() == null) {
                ObjectNode tombstone = json.createObjectNode();
                tombstone.put("key", r.key() == null ? null : textOrBase64(r.key()));
                tombstone.putNull("value");
                return tombstone.toString();
            }
            return text != null ? text : value.toString();
        }
        ObjectNode o = json.createObjectNode();
        o.put("topic", r.topic());
        o.put("partition", r.partition());
        o.put("offset", r.offset());
        if (iso) {
            o.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
        } else {
            o.put("timestamp", r.timestamp());
        }
        o.put("key", r.key() == null ? null : textOrBase64(r.key()));
        o.set("value", value);
        if (error != null) {
            o.put("error", error);
        }
        return o.toString();
    }

    /** UTF-8 text without control characters as it is; anything else as {@code base64:...}. */
    static String textOrBase64(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch < 0x20 && ch != '\t') {
                    return "base64:" + Base64.getEncoder().encodeToString(bytes);
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
