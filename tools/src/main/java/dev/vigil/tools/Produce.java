package dev.vigil.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.vigil.tools.cli.Args;
import dev.vigil.tools.cli.ClientOptions;

/**
 * Writes raw records to a topic: every non-blank line of the files (or of stdin) as one record, or
 * with {@code --binary} every file (or all of stdin) as one record, e.g. an OTLP protobuf batch.
 * An idempotent producer with acks=all; keyless unless {@code --key} is given.
 */
public final class Produce {

    static final String USAGE = """
            usage: produce TOPIC [FILE...] [options]       (no FILE or '-': read stdin)
              --binary                 each FILE (or stdin) is one record, byte for byte (e.g. OTLP protobuf)
              --key KEY                the key of every record (default: none)
              --bootstrap-servers H    Kafka (default $VIGIL_BOOTSTRAP_SERVERS or 127.0.0.1:9092)
              --command-config FILE    Kafka client settings (security.protocol, sasl.*, ssl.*, ...)
              --property K=V           one such setting (repeatable)
            """;
    private static final Set<String> FLAGS = Set.of("--binary", "--help");
    private static final Set<String> VALUED = Tail.union(Set.of("--key"), ClientOptions.OPTIONS);

    private final InputStream in;
    private final PrintStream err;

    public Produce(InputStream in, PrintStream err) {
        this.in = in;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Produce(System.in, System.err).run(args, System.getenv(), System.getProperties()));
    }

    /** Returns the exit code: 0 written, 1 failed, 2 bad usage. */
    public int run(String[] args, Map<String, String> env, Properties system) {
        Args a;
        ClientOptions client;
        try {
            a = Args.parse(args, FLAGS, VALUED);
            if (a.flag("--help")) {
                err.print(USAGE);
                return 0;
            }
            if (a.positional().isEmpty()) {
                throw new Args.UsageException("name a topic");
            }
            client = ClientOptions.from(a, env, system);
        } catch (Args.UsageException e) {
            err.println("produce: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        String topic = a.positional().get(0);
        List<String> files = a.positional().subList(1, a.positional().size());
        byte[] key = a.value("--key", null) == null ? null : a.value("--key", null).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> config = new HashMap<>(client.kafka());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigil-produce");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<PartitionInfo> partitions;
            try {
                partitions = producer.partitionsFor(topic);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                err.println("produce: topic '" + topic + "' does not exist, or Kafka at " + client.bootstrapServers()
                        + " does not answer (./vigil status)");
                return 1;
            }
            if (partitions.isEmpty()) {
                err.println("produce: topic '" + topic + "' does not exist");
                return 1;
            }
            for (String file : files.isEmpty() ? List.of("-") : files) {
                try (InputStream source = file.equals("-") ? nonClosing(in) : Files.newInputStream(Path.of(file))) {
                    if (a.flag("--binary")) {
                        send(producer, topic, key, source.readAllBytes(), failure);
                        sent++;
                    } else {
                        BufferedReader lines = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8));
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (!line.isBlank()) {
                                send(producer, topic, key, line.getBytes(StandardCharsets.UTF_8), failure);
                                sent++;
                            }
                        }
                    }
                } catch (NoSuchFileException e) {
                    err.println("produce: no such file: " + file);
                    return 1;
                }
            }
            producer.flush();
            producer.close(Duration.ofSeconds(15));
        } catch (IOException | org.apache.kafka.common.KafkaException e) {
            err.println("produce: " + e.getMessage());
            return 1;
        }
        if (failure.get() != null) {
            err.println("produce: some records were not written: " + failure.get().getMessage());
            return 1;
        }
        err.println("produce: " + sent + " record(s) written to " + topic);
        return 0;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value,
            AtomicReference<Exception> failure) {
        producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** stdin stays open for whoever else reads it. */
    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // not ours to close
            }
        };
    }
}
