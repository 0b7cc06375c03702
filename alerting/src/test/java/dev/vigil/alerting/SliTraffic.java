package dev.vigil.alerting;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.KafkaTestCluster;

/** Writes SERVICE-scope minute windows to sli-1m the way the aggregator does, ending a little before now. */
public final class SliTraffic {

    private SliTraffic() {
    }

    /** The start of the minute {@code minutesAgo} minutes before the current one. */
    public static Instant minutesAgo(int minutesAgo) {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutesAgo));
    }

    /** One snapshot per minute from {@code first} on: {@code errors[i]} errors of {@code total} requests in minute i. */
    public static void send(KafkaTestCluster kafka, String service, Instant first, long total, long... errors) {
        try (KafkaProducer<String, SliWindow> p = kafka.producer(new StringSerializer(),
                VigilSerdes.embedded().serde(SliWindow.class).serializer())) {
            for (int i = 0; i < errors.length; i++) {
                Instant start = first.plus(Duration.ofMinutes(i));
                SliWindow w = SliWindow.newBuilder().setService(service).setScope(SliScope.SERVICE).setWindowStart(start)
                        .setWindowEnd(start.plus(Duration.ofMinutes(1))).setTotal(total).setAvailabilityErrors(errors[i]).setClientErrors(0)
                        .setLatencyCount(0).setLatencySketch(ByteBuffer.allocate(0)).setUpdatedAt(Instant.now()).build();
                p.send(new ProducerRecord<>("sli-1m", null, start.plusMillis(59_999).toEpochMilli(), service, w));
            }
            p.flush();
        }
    }

    public static long[] repeat(int n, long value) {
        long[] out = new long[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    public static long[] concat(long[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToLong(java.util.Arrays::stream).toArray();
    }
}
