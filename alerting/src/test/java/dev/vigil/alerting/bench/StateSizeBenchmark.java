package dev.vigil.alerting.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.vigil.alerting.burn.BucketChunk;
import dev.vigil.alerting.burn.Counts;
import dev.vigil.alerting.burn.Resolution;
import dev.vigil.alerting.burn.SloSeries;
import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.topology.ChunkKeys;
import dev.vigil.alerting.topology.SloState;

/**
 * State size for 10,000 SLOs with 30-day periods (target: at most 1 GiB). Writes, into real RocksDB
 * stores as the app configures them, the most state such an SLO can hold: every hour bucket of the
 * 31 days kept filled (60,000 requests an hour) and every minute bucket of the 8 hours kept filled
 * (1,000 a minute), plus its SLO state with two firing alerts. Prints the logical size (keys +
 * values: what the compacted changelog topics hold) and the size of the RocksDB directories after
 * a flush. The score is the time to write it all.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class StateSizeBenchmark {

    static final int SLOS = 10_000;

    @Benchmark
    public long fill10kSlosWith30DayPeriods() throws IOException {
        Path dir = Files.createTempDirectory("state-size-");
        MockProcessorContext<Object, Object> ctx = new MockProcessorContext<>(new java.util.Properties() {
            {
                put(StreamsConfig.APPLICATION_ID_CONFIG, "state-size");
                put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
                put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
            }
        }, new org.apache.kafka.streams.processor.TaskId(0, 0), dir.toFile());
        KeyValueStore<Bytes, byte[]> minutes = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("alerting-minute-counts"),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        KeyValueStore<Bytes, byte[]> hours = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("alerting-hour-counts"),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        KeyValueStore<String, byte[]> states = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("alerting-slo-state"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        minutes.init(ctx.getStateStoreContext(), minutes);
        hours.init(ctx.getStateStoreContext(), hours);
        states.init(ctx.getStateStoreContext(), states);

        Instant now = Instant.parse("2026-09-30T12:30:00Z");
        BucketChunk minuteChunk = new BucketChunk(Resolution.MINUTE.bucketsPerChunk());
        for (int i = 0; i < minuteChunk.size(); i++) {
            minuteChunk.set(i, new Counts(998 + i % 3, 1000));
        }
        BucketChunk hourChunk = new BucketChunk(Resolution.HOUR.bucketsPerChunk());
        for (int i = 0; i < hourChunk.size(); i++) {
            hourChunk.set(i, new Counts(59_940 + i, 60_000));
        }
        byte[] m = minuteChunk.encode();
        byte[] h = hourChunk.encode();
        Slo sample = new Slo("checkout-availability-0000", "checkout", null, SliType.AVAILABILITY, null, 0.999, new Period.Rolling(30),
                null, null, Map.of(), null, null, null, List.of(), null, null);
        int days = SloSeries.retentionDays(sample);
        long nowHourChunk = Resolution.MINUTE.chunkOfBucket(Resolution.MINUTE.bucket(now.toEpochMilli()));
        long nowDayChunk = Resolution.HOUR.chunkOfBucket(Resolution.HOUR.bucket(now.toEpochMilli()));
        long logical = 0;
        for (int s = 0; s < SLOS; s++) {
            String id = String.format("service-%04d-availability", s);
            for (long c = nowHourChunk - 7; c <= nowHourChunk; c++) {
                Bytes k = ChunkKeys.key(id, c);
                minutes.put(k, m);
                logical += k.get().length + m.length;
            }
            for (long c = nowDayChunk - days + 1; c <= nowDayChunk; c++) {
                Bytes k = ChunkKeys.key(id, c);
                hours.put(k, h);
                logical += k.get().length + h.length;
            }
            byte[] st = new SloState("service-" + s, 123456789L, true, now.toEpochMilli(), List.of("f4eb6e9efc1929ff", "9b0cde0c22dfc9ca"))
                    .encode();
            states.put(id, st);
            logical += id.length() + st.length;
        }
        minutes.flush();
        hours.flush();
        states.flush();
        long onDisk;
        try (Stream<Path> files = Files.walk(dir)) {
            onDisk = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        minutes.close();
        hours.close();
        states.close();
        dev.vigil.testkit.TempDirs.deleteQuietly(dir);
        System.out.printf("%nSTATE SIZE for %d SLOs (30d, %d days of hour chunks, 8 hours of minute chunks): logical %.1f MiB "
                + "(%.0f bytes per SLO), RocksDB on disk %.1f MiB%n", SLOS, days, logical / 1048576.0, (double) logical / SLOS,
                onDisk / 1048576.0);
        return logical;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(StateSizeBenchmark.class.getSimpleName()).build()).run();
    }
}
