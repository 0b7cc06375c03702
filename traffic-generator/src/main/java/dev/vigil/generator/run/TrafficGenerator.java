package dev.vigil.generator.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import dev.vigil.generator.format.Encoded;
import dev.vigil.generator.format.RawEncoder;
import dev.vigil.generator.model.EndpointSpec;
import dev.vigil.generator.model.GeneratedRequest;
import dev.vigil.generator.model.RawFormat;
import dev.vigil.generator.model.ServiceProfile;
import dev.vigil.generator.model.ServiceTraffic;
import dev.vigil.generator.truth.GroundTruth;
import dev.vigil.generator.truth.RunInfo;

/**
 * Runs a traffic generation: tick by tick, draws every service's requests, writes them in their raw
 * formats to the sink (plus duplicates and malformed records when asked), and counts them in the
 * ground truth. In real time each tick's requests are written once the tick is over; simulated
 * time runs as fast as the sink takes them. Deterministic for a given configuration.
 */
public final class TrafficGenerator {

    private final GeneratorConfig config;
    private final List<ServiceTraffic> traffic = new ArrayList<>();
    private final Map<RawFormat, RawEncoder> encoders = new EnumMap<>(RawFormat.class);
    private final SplittableRandom badInput;
    private volatile long produced;

    public TrafficGenerator(GeneratorConfig config) {
        this.config = config;
        double weights = config.services().stream().mapToDouble(ServiceProfile::weight).sum();
        for (ServiceProfile p : config.services()) {
            traffic.add(new ServiceTraffic(p, config.ratePerSecond() * p.weight() / weights, config.seed()));
            encoders.computeIfAbsent(p.format(), f -> RawEncoder.of(f, config.seed()));
        }
        this.badInput = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    }

    /** The raw topics this run writes to, in a stable order. */
    public List<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        config.services().forEach(p -> topics.add(config.topicFor(p.format())));
        return List.copyOf(topics);
    }

    /** A ground-truth counter for this run's services and topics, writing to {@code out}. */
    public GroundTruth groundTruth(java.io.Writer out) {
        return new GroundTruth(out, config.services().stream().map(ServiceProfile::name).toList(), topics());
    }

    /** Requests generated so far (for progress reports from another thread). */
    public long produced() {
        return produced;
    }

    public RunSummary run(RawSink sink, GroundTruth truth, BooleanSupplier stopRequested) {
        long began = System.nanoTime();
        long start = config.start().toEpochMilli();
        long end = config.duration() == null ? Long.MAX_VALUE : start + config.duration().toMillis();
        long tick = config.tick().toMillis();
        truth.start(runInfo(), config.incidents().incidents());
        List<GeneratedRequest> batch = new ArrayList<>();
        long t = start;
        long count = 0;
        while (t < end && (config.count() == null || count < config.count()) && !stopRequested.getAsBoolean()) {
            long to = Math.min(t + tick, end);
            if (config.mode() == Mode.REALTIME && !sleepUntil(to, stopRequested)) {
                to = Math.max(t, Math.min(to, System.currentTimeMillis()));     // stopped mid-tick: keep what happened
            }
            batch.clear();
            for (ServiceTraffic s : traffic) {
                s.generate(t, to, config.incidents(), batch);
            }
            batch.sort(Comparator.comparingLong(GeneratedRequest::startNanos));
            List<GeneratedRequest> written = batch;
            if (config.count() != null && count + batch.size() > config.count()) {
                written = batch.subList(0, (int) (config.count() - count));
            }
            write(written, sink, truth);
            count += written.size();
            produced = count;
            t = to;
            truth.advanceTo(t);
        }
        sink.flush();
        truth.finish(t);
        return new RunSummary(config.start(), Instant.ofEpochMilli(t), truth.requests(), truth.records(),
                Duration.ofNanos(System.nanoTime() - began));
    }

    private void write(List<GeneratedRequest> requests, RawSink sink, GroundTruth truth) {
        Map<RawFormat, List<GeneratedRequest>> byFormat = new EnumMap<>(RawFormat.class);
        for (GeneratedRequest r : requests) {
            byFormat.computeIfAbsent(r.format(), f -> new ArrayList<>()).add(r);
            truth.add(r);
        }
        byFormat.forEach((format, list) -> {
            RawEncoder encoder = encoders.get(format);
            String topic = config.topicFor(format);
            encoder.encode(list, config.duplicateRatio(), e -> {
                send(sink, truth, topic, e);
                if (config.invalidRatio() > 0 && badInput.nextDouble() < config.invalidRatio()) {
                    send(sink, truth, topic, Encoded.garbage(encoder.garbage(e.value(), badInput), e.timestampMillis()));
                }
            });
        });
    }

    private static void send(RawSink sink, GroundTruth truth, String topic, Encoded e) {
        sink.send(new RawRecord(topic, e.value(), e.timestampMillis()));
        truth.record(topic, e);
    }

    private RunInfo runInfo() {
        List<RunInfo.ServiceInfo> services = config.services().stream().map(p -> new RunInfo.ServiceInfo(p.name(), p.format().id(),
                config.topicFor(p.format()), p.regions(), p.endpoints().stream().map(EndpointSpec::endpoint).distinct().toList()))
                .toList();
        return new RunInfo(config.mode().name().toLowerCase(java.util.Locale.ROOT), config.seed(), config.start(),
                config.ratePerSecond(), config.count(), config.duration() == null ? null : config.duration().toMillis(), services);
    }

    /** Sleeps until wall-clock {@code epochMillis}; false when a stop was requested first. */
    private static boolean sleepUntil(long epochMillis, BooleanSupplier stopRequested) {
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            long wait = epochMillis - System.currentTimeMillis();
            if (wait <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(wait, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
