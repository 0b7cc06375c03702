package dev.vigil.e2e.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.IncidentSchedule;
import dev.vigil.generator.run.GeneratorConfig;
import dev.vigil.generator.run.KafkaSink;
import dev.vigil.generator.run.RawRecord;
import dev.vigil.generator.run.RawSink;
import dev.vigil.generator.run.TrafficGenerator;
import dev.vigil.generator.truth.GroundTruthData;

/**
 * A simulated traffic-generator run (the library, with its ground truth) on a background thread,
 * writing to Kafka through the generator's own idempotent sink. The sink is observed: how many
 * records went out, and the wall-clock time at which the run's event time first passed each minute
 * boundary (= when that minute had been completely written, the reference for detection delays).
 * Optionally mixes extra records (the malformed corpus) evenly into the run.
 */
public final class GeneratorRun implements AutoCloseable {

    /** How much faster than the wall clock the run's event time goes (at most). */
    public static final int SPEEDUP = 12;

    /** Requests per run: {@code -Dvigil.e2e.requests} (CI default in the pom). */
    public static long requestsProperty(long fallback) {
        return Long.getLong("vigil.e2e.requests", fallback);
    }

    /** {@code eventTime} of traffic ending about now, exactly {@code requests} requests over the default 12 services. */
    public static GeneratorConfig config(long requests, Duration eventTime, String incidents, double invalidRatio,
            double duplicateRatio, long seed) {
        // The rate makes the duration hold more than the count (traffic varies by +-37% over the run), so the run stops at
        // exactly `requests`, a little before the end of `eventTime`.
        double rate = requests * 1.3 / eventTime.toSeconds();
        Instant start = GeneratorConfig.defaultSimulatedStart(Instant.now(), eventTime, null, rate);
        return GeneratorConfig.simulated(start, eventTime, rate, seed)
                .withCount(requests)
                .withIncidents(IncidentSchedule.parse(incidents, Catalog.defaults(), start))
                .withBadInput(invalidRatio, duplicateRatio);
    }

    private final GeneratorConfig config;
    private final TrafficGenerator generator;
    private final Path truthFile;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "e2e-generator"));
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong maxEventTime = new AtomicLong(Long.MIN_VALUE);
    private final Map<Long, Long> minuteWrittenAtWall = new ConcurrentHashMap<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final Future<GroundTruthData> result;
    private final long wallStart = System.currentTimeMillis();

    private GeneratorRun(GeneratorConfig config, String bootstrapServers, Path truthFile, List<RawRecord> mixIn) {
        this.config = config;
        this.generator = new TrafficGenerator(config);
        this.truthFile = truthFile;
        this.result = thread.submit(() -> run(bootstrapServers, mixIn));
    }

    /** Starts the run now, in the background. */
    public static GeneratorRun start(GeneratorConfig config, String bootstrapServers, Path truthFile, List<RawRecord> mixIn) {
        return new GeneratorRun(config, bootstrapServers, truthFile, mixIn);
    }

    private GroundTruthData run(String bootstrapServers, List<RawRecord> mixIn) throws IOException {
        long planned = config.count();
        try (KafkaSink kafka = new KafkaSink(bootstrapServers, Map.of());
                Writer out = Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8)) {
            RawSink observed = new RawSink() {
                @Override
                public void send(RawRecord record) {
                    pace(record.timestampMillis());
                    kafka.send(record);
                    records.incrementAndGet();
                    long previous = maxEventTime.getAndAccumulate(record.timestampMillis(), Math::max);
                    if (record.timestampMillis() > previous && previous != Long.MIN_VALUE) {
                        long now = System.currentTimeMillis();
                        for (long m = Math.floorDiv(previous, 60_000L) + 1; m <= Math.floorDiv(record.timestampMillis(), 60_000L); m++) {
                            minuteWrittenAtWall.putIfAbsent(m * 60_000L, now);
                        }
                    }
                    // The mixed-in records go out spread evenly over the run (by requests generated).
                    int due = (int) Math.min(mixIn.size(), mixIn.size() * generator.produced() / planned);
                    while (injected.get() < due) {
                        RawRecord extra = mixIn.get(injected.getAndIncrement());
                        kafka.send(new RawRecord(extra.topic(), extra.value(), record.timestampMillis()));
                    }
                }

                @Override
                public void flush() {
                    kafka.flush();
                }
            };
            generator.run(observed, generator.groundTruth(out), stop::get);
            while (injected.get() < mixIn.size()) {
                RawRecord extra = mixIn.get(injected.getAndIncrement());
                kafka.send(new RawRecord(extra.topic(), extra.value(), System.currentTimeMillis()));
            }
            kafka.flush();
        }
        return GroundTruthData.read(truthFile);
    }

    /** Holds the run back so that its event time runs at most {@link #SPEEDUP} times faster than the wall clock. */
    private void pace(long eventTime) {
        long ahead = (eventTime - config.start().toEpochMilli()) / SPEEDUP - (System.currentTimeMillis() - wallStart);
        if (ahead > 0) {
            try {
                Thread.sleep(Math.min(ahead, 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Requests generated so far. */
    public long produced() {
        return generator.produced();
    }

    /** Fraction of the planned requests generated so far. */
    public double progress() {
        return (double) generator.produced() / config.count();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Generator records written so far (without the mixed-in ones). */
    public long records() {
        return records.get();
    }

    public int injected() {
        return injected.get();
    }

    /** Wall-clock millis at which the run's event time first reached {@code minuteStart} (null if it did not). */
    public Long wallTimeEventTimeReached(Instant minuteStart) {
        return minuteWrittenAtWall.get(minuteStart.toEpochMilli());
    }

    /** Waits for the run to end; its ground truth. */
    public GroundTruthData await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the generator failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the generator did not finish within " + timeout + " (" + produced() + " requests)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path truthFile() {
        return truthFile;
    }

    @Override
    public void close() {
        stop.set(true);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
