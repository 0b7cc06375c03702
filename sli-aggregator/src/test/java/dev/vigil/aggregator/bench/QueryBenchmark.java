package dev.vigil.aggregator.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/**
 * Query latency over REST: the last hour of one service in 1-minute steps (60 points and the
 * summary), with 1,000 services loaded (an hour each, 3 endpoints, 2 regions) into two instances
 * of the built app (4 partitions, application.server set). {@code local}: asked of the instance
 * that owns the service; {@code proxied}: asked of the other one, which forwards it. Sample mode
 * gives p50/p99. Needs the app jar ({@code mvn package}; {@code -Dvigil.app.jar} to point elsewhere).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QueryBenchmark {

    private static final int SERVICES = 1_000;
    private static final String QUESTION = "/sli?step=1m";

    private KafkaTestCluster kafka;
    private Path work;
    private AppProcess a;
    private AppProcess b;
    private final List<String> ownedByA = new ArrayList<>();
    private final List<String> ownedByB = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-query-");
        kafka = KafkaTestCluster.start();
        kafka.createTopics(4, "request-events", "sli-1m", "ingest-dlq");
        Path jar = Path.of(System.getProperty("vigil.app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        a = AppProcess.start("bench-a", jar, work, props(ManagedProcess.freePort()));
        b = AppProcess.start("bench-b", jar, work, props(ManagedProcess.freePort()));
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));
        List<RequestEvent> events = Load.hour(SERVICES, 60, 3, Instant.now());
        try (KafkaProducer<String, RequestEvent> producer = kafka.producer(new StringSerializer(),
                VigilSerdes.embedded().serde(RequestEvent.class).serializer())) {
            events.forEach(e -> producer.send(new ProducerRecord<>("request-events", e.getService(), e)));
            producer.flush();
        }
        Map<String, Long> expected = new HashMap<>();
        events.forEach(e -> expected.merge(e.getService(), 1L, Long::sum));
        long start = System.nanoTime();
        for (int s = 0; s < SERVICES; s++) {
            String service = Load.service(s);
            String owner = awaitTotal(service, expected.get(service));
            (owner.equals("127.0.0.1:" + a.port()) ? ownedByA : ownedByB).add(service);
        }
        System.out.printf("%n# %d events aggregated and queryable after %.1f s; %d services owned by A, %d by B%n", events.size(),
                (System.nanoTime() - start) / 1e9, ownedByA.size(), ownedByB.size());
    }

    /** Waits until A answers the whole hour of {@code service} with every event; returns the owner. */
    private String awaitTotal(String service, long total) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = a.get("/api/v1/services/" + service + "/sli?step=1h&from=" + (System.currentTimeMillis() - 2 * 3_600_000L));
            if (r.statusCode() == 200 && r.body().contains("\"summary\":{") && r.body().substring(r.body().indexOf("\"summary\":{"))
                    .contains("\"total\":" + total + ",")) {
                return r.headers().firstValue("X-Vigil-Served-By").orElseThrow();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(service + " never reached " + total + " events");
    }

    private Map<String, String> props(int port) {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(), "quarkus.http.port", String.valueOf(port),
                "quarkus.kafka-streams.application-server", "127.0.0.1:" + port);
    }

    @Benchmark
    public String local() {
        return ask(ownedByA.get(next++ % ownedByA.size()));
    }

    @Benchmark
    public String proxied() {
        return ask(ownedByB.get(next++ % ownedByB.size()));
    }

    private String ask(String service) {
        HttpResponse<String> r = a.get("/api/v1/services/" + service + QUESTION);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    @TearDown(Level.Trial)
    public void unload() {
        a.close();
        b.close();
        kafka.close();
        TempDirs.deleteQuietly(work);
    }

    public static void main(String[] args) throws Exception {
        BenchRunner.run(QueryBenchmark.class);
    }
}
