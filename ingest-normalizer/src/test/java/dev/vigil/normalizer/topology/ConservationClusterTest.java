package dev.vigil.normalizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.normalizer.Corpus;
import dev.vigil.normalizer.Samples;
import dev.vigil.normalizer.normalize.NormalizeSettings;
import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.normalizer.query.SourceStatsAccess;
import dev.vigil.normalizer.query.SourceView;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.MalformedCorpus;
import dev.vigil.testkit.TempDirs;

/**
 * The conservation equation per source, through a real in-process broker with exactly-once: the
 * whole malformed corpus mixed with valid records (events, duplicates, skipped spans and TCP lines,
 * multi-span and multi-line records). Per source: in = out + dead letters + duplicates + skipped,
 * each counter equal to what actually reached the topics.
 */
class ConservationClusterTest {

    /** What the valid part of the mix must produce per source. */
    private record Expect(int out, int duplicates, int skipped, int extraDeadLetters) {
    }

    @Test
    void everyInputItemIsAccountedForOncePerSource() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(20);
        TopologySettings settings = TopologySettings.defaults();
        Map<String, List<byte[]>> input = new HashMap<>();
        Map<String, Expect> expect = new HashMap<>();
        settings.sources().forEach(s -> input.put(s.name(), new ArrayList<>()));

        List<MalformedCorpus.Case> corpus = Corpus.all();
        corpus.forEach(c -> input.get(c.source()).add(c.value()));
        byte[] oversized = new byte[NormalizeSettings.ONE_MIB + 10];
        java.util.Arrays.fill(oversized, (byte) '[');

        add(input, "nginx", Samples.nginxCombinedEnvelope(t), Samples.nginxTimed(t), Samples.nginxIngress(t, "n-1"),
                Samples.nginxIngress(t, "n-1"), Samples.nginxIngressRetry(t), Samples.nginxIngressRedirect(t),
                Samples.nginxTimed(t) + "\nnot a line\n" + Samples.nginxIngress(t, "n-2"));
        input.get("nginx").add(oversized);
        expect.put("nginx", new Expect(7, 1, 0, 2));
        add(input, "apache", Samples.apacheCommon(t), Samples.apacheCombinedMicros(t), Samples.apacheCommon(t));
        expect.put("apache", new Expect(3, 0, 0, 0));
        add(input, "envoy", Samples.envoyDefault(t, "e-1"), Samples.envoyDefault(t, "e-1"), Samples.envoyNoResponse(t),
                Samples.envoyTcp(t), Samples.envoyIstioText(t), Samples.envoyIstioJson(t));
        expect.put("envoy", new Expect(4, 1, 1, 0));
        add(input, "alb", Samples.alb(t, "1-aaaa-1"), Samples.alb(t, "1-aaaa-1"), Samples.albNoTarget(t), Samples.albRedirect(t),
                Samples.classicElb(t), Samples.classicElbTcp(t));
        expect.put("alb", new Expect(4, 1, 1, 0));
        input.get("otlp").add(Samples.otlp(t).toByteArray());
        input.get("otlp").add(Samples.otlp(t).toByteArray());
        add(input, "otlp", Samples.otlpJson(t.plusMillis(1)));
        // 3 events + 2 skipped; the same batch again: 3 duplicates (span ids) + 2 skipped; the JSON batch repeats
        // checkout's span id too: 1 duplicate + 1 skipped.
        expect.put("otlp", new Expect(3, 4, 5, 0));
        add(input, "events", Samples.canonical(t, "c-1"), Samples.canonical(t, "c-2"), Samples.canonical(t, "c-1"),
                Samples.canonicalPath(t));
        expect.put("events", new Expect(3, 1, 0, 0));

        Path state = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "conservation-");
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            // Raw topics accept the oversized record (brokers refuse over 1 MiB by default).
            kafka.createTopics(2, Map.of("max.message.bytes", String.valueOf(3 * NormalizeSettings.ONE_MIB)),
                    settings.sources().stream().map(SourceSpec::topic).toArray(String[]::new));
            kafka.createTopics(2, settings.requestEventsTopic(), settings.deadLetterTopic());
            Map<String, Object> producerConfig = kafka.producerConfig();
            producerConfig.put("max.request.size", 2 * NormalizeSettings.ONE_MIB);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
                List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
                for (SourceSpec s : settings.sources()) {
                    for (byte[] value : input.get(s.name())) {
                        sent.add(producer.send(new ProducerRecord<>(s.topic(), value)));
                    }
                }
                producer.flush();
                for (var f : sent) {
                    f.get();
                }
            }

            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "conservation-" + UUID.randomUUID());
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
            props.put(StreamsConfig.consumerPrefix("max.partition.fetch.bytes"), 2 * NormalizeSettings.ONE_MIB);
            props.put(StreamsConfig.producerPrefix("max.request.size"), 2 * NormalizeSettings.ONE_MIB);

            VigilSerdes serdes = VigilSerdes.embedded();
            int totalOut = expect.values().stream().mapToInt(Expect::out).sum();
            int totalDead = corpus.size() + expect.values().stream().mapToInt(Expect::extraDeadLetters).sum();
            try (KafkaStreams streams = new KafkaStreams(NormalizerTopology.build(settings, serdes, Tally.none()), props)) {
                streams.start();
                List<ConsumerRecord<String, RequestEvent>> events = kafka.consume(settings.requestEventsTopic(),
                        serdes.serde(RequestEvent.class).deserializer(), totalOut, Duration.ofSeconds(120));
                List<ConsumerRecord<String, DeadLetter>> dead = kafka.consume(settings.deadLetterTopic(),
                        serdes.serde(DeadLetter.class).deserializer(), totalDead, Duration.ofSeconds(60));
                assertThat(events).hasSize(totalOut);
                assertThat(dead).hasSize(totalDead);

                Map<String, Long> counters = awaitSettledCounters(streams, settings, Duration.ofSeconds(60));
                for (SourceSpec s : settings.sources()) {
                    SourceView.Counters c = SourceStatsAccess.counters(s.name(), counters);
                    Expect e = expect.get(s.name());
                    long corpusCases = corpus.stream().filter(k -> k.source().equals(s.name())).count();
                    assertThat(c.records()).as(s.name() + " records").isEqualTo(input.get(s.name()).size());
                    assertThat(c.in()).as(s.name() + ": in = out + dead + dup + skipped")
                            .isEqualTo(c.out() + c.deadLetters() + c.duplicates() + c.skipped());
                    assertThat(c.inFlight()).isZero();
                    assertThat(c.out()).as(s.name() + " out").isEqualTo(e.out());
                    assertThat(c.duplicates()).as(s.name() + " duplicates").isEqualTo(e.duplicates());
                    assertThat(c.skipped()).as(s.name() + " skipped").isEqualTo(e.skipped());
                    assertThat(c.deadLetters()).as(s.name() + " dead letters").isEqualTo(corpusCases + e.extraDeadLetters());
                    // The counters agree with what is on the topics.
                    assertThat(events.stream().filter(r -> r.value().getSourceTopic().equals(s.topic())).count()).isEqualTo(c.out());
                    Map<String, Long> reasonsOnTopic = dead.stream().filter(r -> r.key().equals(s.topic()))
                            .collect(Collectors.groupingBy(r -> r.value().getReason().name(), TreeMap::new, Collectors.counting()));
                    assertThat(reasonsOnTopic).as(s.name() + " dead letters by reason").isEqualTo(c.deadLettersByReason());
                    Map<String, Long> corpusReasons = corpus.stream().filter(k -> k.source().equals(s.name()))
                            .collect(Collectors.groupingBy(k -> k.expected().name(), TreeMap::new, Collectors.counting()));
                    corpusReasons.forEach((reason, n) -> assertThat(reasonsOnTopic.get(reason)).as(s.name() + " " + reason)
                            .isGreaterThanOrEqualTo(n));
                }
                assertThat(dead).anyMatch(r -> r.value().getReason() == DeadLetterReason.OVERSIZED);
                // Every event is keyed by its service and carries the request's time as the record time.
                assertThat(events).allMatch(r -> r.key().equals(r.value().getService())
                        && r.timestamp() == r.value().getTimestamp().toEpochMilli());
            }
        } finally {
            TempDirs.deleteQuietly(state);
        }
    }

    private static void add(Map<String, List<byte[]>> input, String source, String... values) {
        for (String v : values) {
            input.get(source).add(Samples.bytes(v));
        }
    }

    /** Counter values once two reads in a row agree (the last commit has landed). */
    private static Map<String, Long> awaitSettledCounters(KafkaStreams streams, TopologySettings settings, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> previous = Map.of();
        while (System.nanoTime() < deadline) {
            Map<String, Long> current = read(streams);
            boolean settled = !current.isEmpty() && current.equals(previous) && settings.sources().stream()
                    .allMatch(s -> SourceStatsAccess.counters(s.name(), current).inFlight() == 0);
            if (settled) {
                return current;
            }
            previous = current;
            Thread.sleep(300);
        }
        return read(streams);
    }

    private static Map<String, Long> read(KafkaStreams streams) {
        Map<String, Long> all = new TreeMap<>();
        try {
            for (String name : List.of(NormalizerTopology.INGEST_COUNTERS, NormalizerTopology.OUTPUT_COUNTERS)) {
                ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(name,
                        QueryableStoreTypes.keyValueStore()));
                try (KeyValueIterator<String, Long> it = store.all()) {
                    it.forEachRemaining(kv -> all.merge(kv.key, kv.value, Long::sum));
                }
            }
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return Map.of();
        }
        return all;
    }
}
