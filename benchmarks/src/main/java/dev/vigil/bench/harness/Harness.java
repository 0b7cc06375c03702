package dev.vigil.bench.harness;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.Incident;
import dev.vigil.generator.model.IncidentKind;
import dev.vigil.generator.model.IncidentSchedule;
import dev.vigil.generator.model.RawFormat;
import dev.vigil.generator.model.ServiceProfile;
import dev.vigil.generator.model.StatusMix;
import dev.vigil.generator.run.GeneratorConfig;
import dev.vigil.generator.run.KafkaSink;
import dev.vigil.generator.run.Mode;
import dev.vigil.generator.run.RawRecord;
import dev.vigil.generator.run.RawSink;
import dev.vigil.generator.run.TrafficGenerator;
import dev.vigil.generator.truth.GroundTruthData;
import dev.vigil.generator.truth.MinuteTruth;
import dev.vigil.generator.truth.Quantiles;
import dev.vigil.normalizer.normalize.NormalizeSettings;
import dev.vigil.normalizer.normalize.Normalized;
import dev.vigil.normalizer.normalize.RecordNormalizer;
import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.LocalKafka;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/**
 * One benchmark run on this machine: a real broker (the project's launcher) on free ports, the
 * three built apps as processes (two aggregator instances, so that queries can be proxied), and
 * the traffic generator. Phases, in an order that keeps each one's data apart:
 * <ol>
 * <li>the raw input of the throughput phase is planned (a dry run counts its records and bytes);</li>
 * <li>ceiling: Kafka's ProducerPerformance writes as many records of that mean size, alone on the broker;</li>
 * <li>drain: the same input written at once, with the apps running; capacity = raw records and
 * events over the time until every app's lag is gone;</li>
 * <li>sustain: fixed real-time rates (fractions of the capacity); a rate is sustained when no app's
 * lag grows (see {@link #sustained});</li>
 * <li>accuracy: the percentiles the aggregator answers for the drained input against the exact
 * ones and against Prometheus's histogram_quantile, from the RequestEvents themselves;</li>
 * <li>detection and queries: error spikes on fresh services with burn-rate SLOs; while they run,
 * series queries against the first aggregator, local or proxied;</li>
 * <li>resources: peak RSS and CPU seconds of every app process.</li>
 * </ol>
 */
public final class Harness {

    static final String TOKEN = "bench-token";
    static final List<String> RAW_TOPICS = List.of("raw.nginx", "raw.apache", "raw.envoy", "raw.alb", "raw.otlp", "raw.events");
    static final int PARTITIONS = 6;
    static final String WARMUP_PREFIX = "warmup-";
    /**
     * Sustained: no app's lag grows faster than this fraction of the offered rate (falls behind by at
     * most 3 s per minute). Tighter limits judge the commit saw-tooth (up to 1 s of input), not the app.
     */
    static final double MAX_LAG_GROWTH = 0.05;
    static final String NORMALIZER_REPARTITION = "vigil-ingest-normalizer-events-by-service-repartition";
    static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
    static final String[] QUANTILE_NAMES = {"p50", "p90", "p99", "p99.9"};
    static final String[] QUANTILE_FIELDS = {"p50Ms", "p90Ms", "p99Ms", "p999Ms"};
    static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final Profile profile;
    private final Path repo;
    private final Path work;
    private final Results results = new Results();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final VigilSerdes serdes = VigilSerdes.embedded();
    private final Map<String, AppProcess> apps = new LinkedHashMap<>();
    private LocalKafka kafka;
    private Admin admin;
    private Lag lag;
    private long burstEndMillis;

    public Harness(Profile profile, Path repo, Path work) {
        this.profile = profile;
        this.repo = repo;
        this.work = work;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }

    public Results run() throws Exception {
        Files.createDirectories(work);
        // The previous run's app logs and state stores (tens of MiB each run): each run starts clean.
        TempDirs.deleteQuietly(work.resolve("apps"));
        System.setProperty(LocalKafka.ROOT_PROPERTY, repo.toString());
        kafka = LocalKafka.on(ManagedProcess.freePort(), work.resolve("kafka"));
        try {
            log("starting Kafka on %s", kafka.bootstrapServers());
            kafka.start();
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
            createTopics();
            GeneratorConfig burst = burstConfig();
            InputSize input = inputSize(burst);
            ceiling(input);
            startApps();
            // The normalizer also reads its own repartition topic (dedup by service): its lag is part of "drained".
            List<String> normalizerInputs = new ArrayList<>(RAW_TOPICS);
            normalizerInputs.add(NORMALIZER_REPARTITION);
            lag = new Lag(admin).watch("vigil-ingest-normalizer", normalizerInputs).watch("vigil-sli-aggregator", List.of("request-events"))
                    .watch("vigil-alerting", List.of("sli-1m"));
            double capacity = drain(burst, input);
            sustain(capacity, input);
            accuracy(burst);
            detectionAndQueries();
            resources();
            targets();
            return results;
        } finally {
            apps.values().forEach(AppProcess::close);
            if (admin != null) {
                admin.close();
            }
            kafka.close();
        }
    }

    // ---------------------------------------------------------------- setup

    private void createTopics() throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : List.of("raw.nginx", "raw.apache", "raw.envoy", "raw.alb", "raw.otlp", "raw.events", "request-events",
                "ingest-dlq", "sli-1m", "alerts", "bench.ceiling")) {
            topics.add(new NewTopic(t, PARTITIONS, (short) 1));
        }
        topics.add(new NewTopic("slo-definitions", PARTITIONS, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    }

    /** The throughput input: {@code burstRequests} requests of {@code services} services, event time ending about now. */
    private GeneratorConfig burstConfig() {
        Instant start = GeneratorConfig.defaultSimulatedStart(Instant.now(), null, profile.burstRequests(), profile.burstRate());
        return new GeneratorConfig(Catalog.services(profile.services()), profile.burstRate(), Mode.SIMULATED, start, null,
                profile.burstRequests(), Duration.ofSeconds(1), 1, IncidentSchedule.none(), 0, 0, Map.of());
    }

    record InputSize(long records, long requests, long bytes) {
        int meanBytes() {
            return (int) Math.round((double) bytes / records);
        }
    }

    /** Counts what the input will be: the generator is deterministic, so a dry run writes exactly the same records. */
    private InputSize inputSize(GeneratorConfig config) {
        CountingSink counter = new CountingSink(null);
        TrafficGenerator g = new TrafficGenerator(config);
        var summary = g.run(counter, g.groundTruth(java.io.Writer.nullWriter()), () -> false);
        InputSize size = new InputSize(counter.records.get(), summary.requests(), counter.bytes.get());
        results.put("input.records", "raw input: records", size.records(), "records");
        results.put("input.requests", "raw input: requests (OTLP records carry several)", size.requests(), "requests");
        results.put("input.bytes", "raw input: mean record size", size.meanBytes(), "bytes");
        log("raw input: %d records (%d requests), mean %d bytes, %d services", size.records(), size.requests(), size.meanBytes(),
                profile.services());
        return size;
    }

    /** Counts records and bytes on their way to {@code delegate} (null: nowhere). */
    static final class CountingSink implements RawSink {
        final RawSink delegate;
        final AtomicLong records = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        CountingSink(RawSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(RawRecord record) {
            records.incrementAndGet();
            bytes.addAndGet(record.value().length);
            if (delegate != null) {
                delegate.send(record);
            }
        }

        @Override
        public void flush() {
            if (delegate != null) {
                delegate.flush();
            }
        }

        @Override
        public void close() {
            if (delegate != null) {
                delegate.close();
            }
        }
    }

    // ---------------------------------------------------------------- 1. ceiling

    private static final Pattern PERF_TOTAL = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\)");

    /** Kafka's own producer benchmark, with the generator's producer settings, same record count and size. */
    private void ceiling(InputSize input) {
        log("ceiling: ProducerPerformance, %d records of %d bytes", input.records(), input.meanBytes());
        ProcStats broker0 = ProcStats.of(kafka.pid());
        ProcStats self0 = ProcStats.self();
        String out = kafka.run("tool", "org.apache.kafka.tools.ProducerPerformance", "--topic", "bench.ceiling",
                "--num-records", Long.toString(input.records()), "--record-size", Integer.toString(input.meanBytes()),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all",
                "enable.idempotence=true", "linger.ms=10", "batch.size=262144", "compression.type=lz4");
        Matcher m = null;
        for (String line : out.split("\n")) {
            Matcher candidate = PERF_TOTAL.matcher(line);
            if (candidate.find() && line.contains("99.9th")) {
                m = candidate;
            }
        }
        if (m == null) {
            throw new IllegalStateException("no summary line in ProducerPerformance's output:\n" + out);
        }
        results.put("ceiling.records", "ceiling: ProducerPerformance", Double.parseDouble(m.group(2)), "records/s");
        results.put("ceiling.mb", "ceiling: ProducerPerformance", Double.parseDouble(m.group(3)), "MB/s");
        // CPU spent per 1,000 records: the broker's, and the tool's (a child process, waited for: our cutime + cstime).
        double brokerCpu = ProcStats.of(kafka.pid()).cpuSeconds() - broker0.cpuSeconds();
        double toolCpu = ProcStats.self().childrenCpuSeconds() - self0.childrenCpuSeconds();
        results.put("ceiling.cpu.broker", "ceiling: broker CPU per 1,000 records", brokerCpu / input.records() * 1000, "CPU s");
        results.put("ceiling.cpu.producer", "ceiling: ProducerPerformance CPU per 1,000 records (incl. its JVM start)",
                toolCpu / input.records() * 1000, "CPU s");
    }

    // ---------------------------------------------------------------- apps

    private void startApps() throws Exception {
        Map<String, Map<String, String>> specs = new LinkedHashMap<>();
        String bootstrap = kafka.bootstrapServers();
        specs.put("ingest-normalizer", Map.of("kafka.bootstrap.servers", bootstrap));
        for (String name : List.of("sli-aggregator-1", "sli-aggregator-2")) {
            int port = ManagedProcess.freePort();
            specs.put(name, Map.of("kafka.bootstrap.servers", bootstrap, "quarkus.http.port", Integer.toString(port),
                    "quarkus.kafka-streams.application-server", "127.0.0.1:" + port));
        }
        specs.put("alerting", Map.of("kafka.bootstrap.servers", bootstrap, "vigil.api.token", TOKEN));
        log("starting the apps: %s", specs.keySet());
        List<Thread> starters = new ArrayList<>();
        Map<String, Exception> failures = new ConcurrentHashMap<>();
        Map<String, AppProcess> started = new ConcurrentHashMap<>();
        for (var e : specs.entrySet()) {
            String module = e.getKey().startsWith("sli-aggregator") ? "sli-aggregator" : e.getKey();
            Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            Thread t = new Thread(() -> {
                try {
                    started.put(e.getKey(), AppProcess.start(e.getKey(), jar, work.resolve("apps"), e.getValue(), jvmOptions(module)));
                } catch (Exception ex) {
                    failures.put(e.getKey(), ex);
                }
            });
            t.start();
            starters.add(t);
        }
        for (Thread t : starters) {
            t.join();
        }
        specs.keySet().stream().filter(started::containsKey).forEach(k -> apps.put(k, started.get(k)));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("apps did not start: " + failures);
        }
        for (AppProcess app : apps.values()) {
            app.awaitReady(READY_TIMEOUT);
        }
        log("apps ready: %s", apps.keySet());
    }

    // ---------------------------------------------------------------- 2. drain capacity

    /** Writes the input at once and times it through all three apps; returns events/s. */
    private double drain(GeneratorConfig config, InputSize input) throws Exception {
        warmUp(config);
        log("drain: writing %d records at once", input.records());
        Map<String, Double> cpu0 = cpuNow();
        long t0 = System.nanoTime();
        try (KafkaSink kafkaSink = new KafkaSink(kafka.bootstrapServers(), Map.of())) {
            TrafficGenerator g = new TrafficGenerator(config);
            burstEndMillis = g.run(kafkaSink, g.groundTruth(java.io.Writer.nullWriter()), () -> false).end().toEpochMilli();
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(profile.name().equals("full") ? 30 : 4).toNanos();
        Map<String, Long> l;
        long nextLog = 0;
        while (!lag.drained(l = lag.now())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not drain the input in time; lag " + l);
            }
            if (System.nanoTime() > nextLog) {
                log("drain: +%.0f s, lag %s", (System.nanoTime() - t0) / 1e9, new java.util.TreeMap<>(l));
                nextLog = System.nanoTime() + 2_000_000_000L;
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cpu1 = cpuNow();
        double cpuTotal = 0;
        for (var e : cpu1.entrySet()) {
            double used = e.getValue() - cpu0.get(e.getKey());
            cpuTotal += used;
            results.put("drain.cpu." + e.getKey(), "drain: " + e.getKey() + " CPU per 1,000 raw records", used / input.records() * 1000,
                    "CPU s");
        }
        results.put("drain.cpu.total", "drain: CPU per 1,000 raw records, all of the above", cpuTotal / input.records() * 1000, "CPU s");
        // How busy the machine's cores were with this run alone; the rest went to other processes (the load average).
        results.put("drain.cpu.share", "drain: this run's share of the machine's CPU", cpuTotal / (seconds
                * Runtime.getRuntime().availableProcessors()) * 100, "%");
        double events = input.requests() / seconds;
        double records = input.records() / seconds;
        results.put("drain.seconds", "drain: input written to all lag gone", seconds, "s");
        results.put("drain.write", "drain: of which writing the input", writeSeconds, "s");
        results.put("drain.events", "pipeline capacity (drain)", events, "events/s");
        results.put("drain.records", "pipeline capacity (drain)", records, "raw records/s");
        results.put("drain.ratio", "pipeline capacity / ceiling", records / results.get("ceiling.records"), "ratio");
        log("drain: %.1f s, %.0f events/s, %.0f records/s", seconds, events, records);
        return events;
    }

    /**
     * Warms the apps up (JIT, first transactions, store creation) outside the timed drain: a tenth of
     * the input, same event time, under other service names (kept out of every later figure).
     */
    private void warmUp(GeneratorConfig burst) throws Exception {
        List<ServiceProfile> renamed = burst.services().stream().map(p -> new ServiceProfile(WARMUP_PREFIX + p.name(), p.format(),
                p.weight(), p.regions(), p.endpoints(), p.latency(), p.statuses())).toList();
        long requests = Math.max(1_000, burst.count() / 10);
        GeneratorConfig warm = new GeneratorConfig(renamed, burst.ratePerSecond(), Mode.SIMULATED, burst.start(), null, requests,
                Duration.ofSeconds(1), 99, IncidentSchedule.none(), 0, 0, Map.of());
        log("warm-up: %d requests under other service names", requests);
        try (KafkaSink kafkaSink = new KafkaSink(kafka.bootstrapServers(), Map.of())) {
            TrafficGenerator g = new TrafficGenerator(warm);
            g.run(kafkaSink, g.groundTruth(java.io.Writer.nullWriter()), () -> false);
        }
        awaitDrained(Duration.ofMinutes(profile.name().equals("full") ? 10 : 4));
    }

    /** Each app with the heap {@code ./vigil} gives it (see app_heap there): the normalizer's is smaller. */
    private static List<String> jvmOptions(String module) {
        return module.equals("ingest-normalizer") ? List.of("-Xmx192m") : List.of();
    }

    /** CPU seconds so far of every app, the broker, and this JVM (the generator writes from here). */
    private Map<String, Double> cpuNow() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        apps.forEach((name, app) -> cpu.put(name, ProcStats.of(app.pid()).cpuSeconds()));
        cpu.put("broker", ProcStats.of(kafka.pid()).cpuSeconds());
        cpu.put("generator", ProcStats.self().cpuSeconds());
        return cpu;
    }

    // ---------------------------------------------------------------- 2b. sustained rate

    /**
     * Runs fixed real-time rates, highest fraction first, until one is sustained: during the second
     * half of the run no app's lag may grow faster than 5% of the offered records/s (least-squares
     * slope), and after the input stops every lag must be gone within 20 s. An app that cannot keep
     * up grows its lag at (offered - capacity), far above that slope.
     */
    private void sustain(double capacityEvents, InputSize input) throws Exception {
        double recordsPerEvent = (double) input.records() / input.requests();
        for (double fraction : profile.sustainSteps()) {
            double rate = capacityEvents * fraction;
            log("sustain: %.0f events/s (%.0f%% of the drain capacity) for %d s", rate, fraction * 100, profile.sustainFor().toSeconds());
            GeneratorConfig config = new GeneratorConfig(Catalog.services(profile.services()), rate, Mode.REALTIME, Instant.now(),
                    profile.sustainFor(), null, Duration.ofMillis(250), 2 + (long) (fraction * 100), IncidentSchedule.none(), 0, 0, Map.of());
            Map<String, List<double[]>> samples = new HashMap<>();
            AtomicBoolean done = new AtomicBoolean();
            CountingSink sink = new CountingSink(new KafkaSink(kafka.bootstrapServers(), Map.of()));
            Thread gen = new Thread(() -> {
                try (sink) {
                    TrafficGenerator g = new TrafficGenerator(config);
                    g.run(sink, g.groundTruth(java.io.Writer.nullWriter()), () -> false);
                } finally {
                    done.set(true);
                }
            }, "bench-sustain");
            long t0 = System.nanoTime();
            gen.start();
            int n = 0;
            while (!done.get()) {
                double at = (System.nanoTime() - t0) / 1e9;
                Map<String, Long> l = lag.now();
                l.forEach((g, v) -> samples.computeIfAbsent(g, k -> new ArrayList<>()).add(new double[] {at, v}));
                if (n++ % 10 == 0) {
                    log("sustain: +%.0f s, lag %s", at, new java.util.TreeMap<>(l));
                }
                // Twice per aggregator commit (1 s): committed-offset lag is a saw-tooth of that period.
                Thread.sleep(500);
            }
            gen.join();
            double offeredRecords = rate * recordsPerEvent;
            double half = profile.sustainFor().toSeconds() / 2.0;
            double worstSlope = 0;
            String worstApp = "";
            for (var e : samples.entrySet()) {
                double s = slope(e.getValue().stream().filter(p -> p[0] >= half).toList());
                if (s > worstSlope) {
                    worstSlope = s;
                    worstApp = e.getKey();
                }
            }
            long drainDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean drained = false;
            while (System.nanoTime() < drainDeadline && !(drained = lag.drained(lag.now()))) {
                Thread.sleep(250);
            }
            boolean ok = drained && worstSlope <= MAX_LAG_GROWTH * offeredRecords;
            double actual = sink.records.get() / ((System.nanoTime() - t0) / 1e9);
            log("sustain: %s (worst lag slope %.1f records/s in %s, drained after: %s)", ok ? "sustained" : "not sustained",
                    worstSlope, worstApp.isEmpty() ? "-" : worstApp, drained);
            if (ok || fraction == profile.sustainSteps()[profile.sustainSteps().length - 1]) {
                results.put("sustain.events", "pipeline sustained rate" + (ok ? "" : " (NOT sustained)"), rate, "events/s");
                results.put("sustain.records", "pipeline sustained rate" + (ok ? "" : " (NOT sustained)"), offeredRecords, "raw records/s");
                results.put("sustain.ratio", "pipeline sustained / ceiling", offeredRecords / results.get("ceiling.records"), "ratio");
                results.put("sustain.slope", "sustained run: worst lag growth", worstSlope, "records/s");
                results.note(String.format(Locale.ROOT, "Sustained rate: %.0f%% of the drain capacity offered in real time for %d s "
                        + "(%.0f raw records/s offered, %.0f written incl. the run's tail); sustained = no app's lag grows faster than "
                        + "5%% of the offered rate over the second half (least-squares slope; worst %.1f records/s, %s) and all lag "
                        + "gone within 20 s after: %s.", fraction * 100, profile.sustainFor().toSeconds(), offeredRecords, actual,
                        worstSlope, worstApp.isEmpty() ? "-" : worstApp, ok ? "yes" : "NO"));
                return;
            }
        }
    }

    /** Least-squares slope of (t, y) points; 0 with fewer than 3. */
    static double slope(List<double[]> points) {
        if (points.size() < 3) {
            return 0;
        }
        double n = points.size();
        double mx = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double my = points.stream().mapToDouble(p -> p[1]).sum() / n;
        double num = 0;
        double den = 0;
        for (double[] p : points) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    // ---------------------------------------------------------------- 5. percentile accuracy

    /**
     * For the services with the most latency samples in the drained input: the aggregator's merged
     * summary over the minutes the input touches against the exact quantiles (DDSketch's rank
     * definition) of the RequestEvents it read, a sketch filled here with the same latencies (the
     * control), and Prometheus's estimate from the default buckets on the same latencies.
     */
    private void accuracy(GeneratorConfig burst) throws Exception {
        long from = Math.floorDiv(burst.start().toEpochMilli(), 60_000L) * 60_000L;
        Map<String, List<Double>> latencies = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        // The aggregator answers whole minutes: every minute the input touches. Any other event in them (the
        // sustain phase's first seconds) is read on both sides of the comparison alike.
        long to = Math.floorDiv(burstEndMillis + 59_999L, 60_000L) * 60_000L;
        readRequestEvents((e) -> {
            long t = e.getTimestamp().toEpochMilli();
            if (t >= from && t < to && !e.getService().startsWith(WARMUP_PREFIX)) {
                counts.merge(e.getService(), 1L, Long::sum);
                if (e.getLatencyMs() != null) {
                    latencies.computeIfAbsent(e.getService(), k -> new ArrayList<>()).add(e.getLatencyMs());
                }
            }
        }, from);
        List<String> services = latencies.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
                .limit(profile.accuracyServices()).map(Map.Entry::getKey).toList();
        double[] vigilMax = new double[QUANTILES.length];
        double[] promMax = new double[QUANTILES.length];
        double[] vigilSum = new double[QUANTILES.length];
        double[] promSum = new double[QUANTILES.length];
        double[] sketchMax = new double[QUANTILES.length];
        double[] rankGapMax = new double[QUANTILES.length];
        long samples = 0;
        AppProcess aggregator = apps.get("sli-aggregator-1");
        for (String service : services) {
            double[] values = latencies.get(service).stream().mapToDouble(Double::doubleValue).toArray();
            samples += values.length;
            double[] sorted = Quantiles.sortedCopy(values, values.length);
            Prometheus histogram = Prometheus.histogram(values, Prometheus.DEFAULT_BUCKETS_MS);
            // The same latencies in a sketch made here: tells the sketch's own error from the pipeline's.
            com.datadoghq.sketch.ddsketch.DDSketch local = dev.vigil.avro.sketch.LatencySketches.empty();
            for (double v : values) {
                local.accept(v);
            }
            JsonNode summary = getJson(aggregator, "/api/v1/services/" + enc(service) + "/sli?from=" + from + "&to=" + to + "&step=1m")
                    .path("summary");
            if (summary.path("total").asLong() != counts.get(service)) {
                results.note("Accuracy: " + service + " total " + summary.path("total").asLong() + " from the aggregator, "
                        + counts.get(service) + " RequestEvents read: the comparison is over different data.");
            }
            for (int i = 0; i < QUANTILES.length; i++) {
                // DDSketch's (and the aggregator's) quantile: the value at 0-based rank floor(q x (n - 1)); its 1%
                // guarantee is about that value. Nearest rank (ceil(q x n)) can be the next value up, which in a
                // sparse tail is tens of percent away: reported apart as a definition gap, not as an error.
                double exact = lowerRank(sorted, QUANTILES[i]);
                double nearest = Quantiles.nearestRank(sorted, sorted.length, QUANTILES[i]);
                rankGapMax[i] = Math.max(rankGapMax[i], Math.abs(nearest - exact) / exact);
                double vigil = summary.path(QUANTILE_FIELDS[i]).asDouble(Double.NaN);
                double prom = histogram.quantile(QUANTILES[i]);
                double ve = Math.abs(vigil - exact) / exact;
                double pe = Math.abs(prom - exact) / exact;
                vigilMax[i] = Math.max(vigilMax[i], ve);
                promMax[i] = Math.max(promMax[i], pe);
                vigilSum[i] += ve;
                sketchMax[i] = Math.max(sketchMax[i], Math.abs(local.getValueAtQuantile(QUANTILES[i]) - exact) / exact);
                promSum[i] += pe;
            }
        }
        for (int i = 0; i < QUANTILES.length; i++) {
            String q = QUANTILE_NAMES[i];
            results.put("accuracy.vigil." + q, "Vigil " + q + " error vs exact (max over services)", vigilMax[i] * 100, "% relative");
            results.put("accuracy.prom." + q, "histogram_quantile " + q + " error vs exact (max)", promMax[i] * 100, "% relative");
            results.put("accuracy.sketch." + q, "same latencies in a local DDSketch " + q + " error (max)", sketchMax[i] * 100,
                    "% relative");
            results.put("accuracy.rankgap." + q, "nearest-rank " + q + " vs DDSketch's rank, exact values (max)", rankGapMax[i] * 100,
                    "% relative");
            results.put("accuracy.vigil.mean." + q, "Vigil " + q + " error vs exact (mean)", vigilSum[i] / services.size() * 100, "% relative");
            results.put("accuracy.prom.mean." + q, "histogram_quantile " + q + " error vs exact (mean)", promSum[i] / services.size() * 100,
                    "% relative");
        }
        results.put("accuracy.samples", "accuracy: latencies compared", samples, "over " + services.size() + " services");
        results.note(String.format(Locale.ROOT, "Accuracy: %d services with the most latency samples in the throughput input's "
                + "minutes (%s .. %s, every RequestEvent in them); exact = the value at 0-based rank floor(q x (n-1)) (DDSketch's and the aggregator's "
                + "definition) of the latencies of the RequestEvents the aggregator read; Vigil = the aggregator's "
                + "merged summary of those minutes; histogram_quantile = Prometheus's interpolation over the default client buckets "
                + "(5 ms .. 10 s) filled with the same latencies.", services.size(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)));
    }

    /** Reads request-events from the beginning to the current end; returns the newest event timestamp. */
    private long readRequestEvents(java.util.function.Consumer<RequestEvent> each, long fromMillis) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Deserializer<RequestEvent> d = serdes.serde(RequestEvent.class).deserializer();
        long newest = Long.MIN_VALUE;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor("request-events").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    RequestEvent e = d.deserialize(r.topic(), r.value());
                    newest = Math.max(newest, e.getTimestamp().toEpochMilli());
                    each.accept(e);
                }
            }
        }
        return newest;
    }

    // ---------------------------------------------------------------- 3 + 4. detection delay, query latency

    /**
     * Error spikes (50% 5xx) on fresh services, one SLO each (99.9%, the Workbook's page rule 14.4x
     * over 1h and 5m), in real time; meanwhile series queries (last hour, 1-minute step) of the
     * throughput phase's services against the first aggregator instance.
     */
    private void detectionAndQueries() throws Exception {
        int k = profile.incidents();
        List<ServiceProfile> base = Catalog.defaults().stream().filter(p -> p.format() != RawFormat.NGINX_COMBINED).toList();
        List<ServiceProfile> profiles = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ServiceProfile b = base.get(i % base.size());
            // No server errors but the incident's: with the base's 0.03-0.1%, two errors among a fresh service's
            // first 100 requests (or in a partial view of them) meet 14.4x by chance and page before the incident.
            StatusMix clean = new StatusMix(b.statuses().redirect(), b.statuses().clientError(), 0, 0);
            profiles.add(new ServiceProfile("bench-incident-" + (i + 1), b.format(), 1, b.regions(), b.endpoints(), b.latency(), clean));
        }
        DetectionTruth.Rule rule = new DetectionTruth.Rule(14.4, Duration.ofHours(1), Duration.ofMinutes(5), 100, 0.999);
        StringBuilder yaml = new StringBuilder("slos:\n");
        for (ServiceProfile p : profiles) {
            yaml.append("  - id: ").append(p.name()).append("-availability\n    service: ").append(p.name())
                    .append("\n    sli: availability\n    target: 0.999\n    period: 30d\n    minEvents: 100\n")
                    .append("    rules:\n      - {severity: page, burnRate: 14.4, longWindow: 1h, shortWindow: 5m}\n");
        }
        HttpResponse<String> applied = http.send(HttpRequest.newBuilder(URI.create(apps.get("alerting").url("/api/v1/slos:apply")))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/yaml").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(yaml.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (applied.statusCode() != 200) {
            throw new IllegalStateException("alerting refused the SLOs: " + applied.statusCode() + " " + applied.body());
        }
        awaitDrained(Duration.ofMinutes(3));

        Instant start = Instant.now();
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Instant from = start.plus(profile.baseline()).plus(profile.stagger().multipliedBy(i));
            incidents.add(new Incident(profiles.get(i).name(), IncidentKind.ERROR_SPIKE, from, from.plus(Duration.ofMinutes(3)), 0.5));
        }
        GeneratorConfig config = new GeneratorConfig(profiles, profile.incidentRate() * k, Mode.REALTIME, start, null, null,
                Duration.ofMillis(100), 3, new IncidentSchedule(incidents), 0, 0, Map.of());
        Map<String, Long> fired = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread alerts = alertWatcher(profiles.stream().map(p -> p.name() + "-availability").toList(), fired, stop);
        TruthSink truthSink = new TruthSink(new KafkaSink(kafka.bootstrapServers(), Map.of()));
        StringWriter groundTruth = new StringWriter();
        Thread gen = new Thread(() -> {
            try (truthSink) {
                TrafficGenerator g = new TrafficGenerator(config);
                g.run(truthSink, g.groundTruth(groundTruth), stop::get);
            }
        }, "bench-detection");
        List<long[]> queryTimes = new CopyOnWriteArrayList<>();
        Thread queries = queryLoop(queryTimes, stop, profile.queries());
        log("detection: %d incidents from +%ds, every %ds; queries against sli-aggregator-1 meanwhile", k,
                profile.baseline().toSeconds(), profile.stagger().toSeconds());
        alerts.start();
        gen.start();
        queries.start();
        Instant lastIncident = incidents.get(k - 1).start();
        long deadline = System.currentTimeMillis() + Duration.between(Instant.now(), lastIncident).toMillis() + 120_000;
        while ((fired.size() < k || queryTimes.size() < profile.queries()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        stop.set(true);
        gen.join(30_000);
        queries.join(30_000);
        alerts.join(30_000);

        // Truth: the requests as written (decoded with the normalizer's parser), checked against the generator's ground truth.
        GroundTruthData truth = GroundTruthData.parse(new StringReader(groundTruth.toString()));
        int checkedMinutes = 0;
        for (MinuteTruth m : truth.minutes()) {
            long[] mine = truthSink.minuteCounts(m.service(), m.start().toEpochMilli());
            if (mine[0] != m.total() || mine[1] != m.availabilityErrors()) {
                throw new IllegalStateException("decoded requests differ from the ground truth for " + m.service() + " at " + m.start()
                        + ": " + Arrays.toString(mine) + " vs " + m.total() + "/" + m.availabilityErrors());
            }
            checkedMinutes++;
        }
        List<Double> delays = new ArrayList<>();
        for (ServiceProfile p : profiles) {
            OptionalLong theory = DetectionTruth.firingMoment(truthSink.requests(p.name()), rule);
            Long at = fired.get(p.name() + "-availability");
            if (theory.isPresent() && at != null) {
                delays.add((at - theory.getAsLong()) / 1000.0);
            } else {
                results.note("Detection: " + p.name() + (theory.isEmpty() ? " never met the rule in the data" : " did not fire in time"));
            }
        }
        delays.sort(Double::compare);
        results.put("detection.incidents", "detection: incidents measured", delays.size(), "of " + k);
        if (!delays.isEmpty()) {
            results.put("detection.p50", "detection delay p50", percentile(delays, 0.5), "s");
            results.put("detection.max", "detection delay max", delays.get(delays.size() - 1), "s");
        }
        results.note(String.format(Locale.ROOT, "Detection: %d error spikes (50%% 5xx) on fresh services (no other server errors) at %.0f requests/s each, SLO "
                + "99.9%% with the page rule 14.4x over 1h and 5m (min 100 events). Theoretical moment = the first request timestamp "
                + "at which the rule holds over the requests as written (decoded with the normalizer's parser, %d service-minutes "
                + "checked equal to the generator's ground truth); delay = that moment to the FIRING record's arrival on `alerts` "
                + "(read_committed consumer). Delays: %s s.", k, profile.incidentRate(), checkedMinutes, delays));

        AppProcess a1 = apps.get("sli-aggregator-1");
        String self = "127.0.0.1:" + a1.port();
        long localCount = queryTimes.stream().filter(q -> q[1] == 1).count();
        results.put("query.local.count", "queries answered locally", localCount, "queries");
        results.put("query.proxied.count", "queries proxied to the other instance", queryTimes.size() - localCount, "queries");
        putQueryLatencies(queryTimes, "query.", "");
        // The same queries with no traffic running: separates the query path's own cost from CPU contention.
        awaitDrained(Duration.ofMinutes(3));
        List<long[]> idleTimes = new CopyOnWriteArrayList<>();
        Thread idle = queryLoop(idleTimes, new AtomicBoolean(), Math.max(100, profile.queries() / 4));
        idle.start();
        idle.join(Duration.ofMinutes(5).toMillis());
        putQueryLatencies(idleTimes, "query.idle.", ", pipeline idle");
        results.note(String.format(Locale.ROOT, "Queries: GET /api/v1/services/{service}/sli (defaults: last hour, 1m step) of the "
                + "throughput phase's %d services, one client, sequential, against %s while the detection traffic ran; local or "
                + "proxied by the X-Vigil-Served-By answer header; 50 warm-up queries not counted. Then %d more with no traffic "
                + "(\"pipeline idle\"), to tell the query path's own cost from CPU contention.", profile.services(), self,
                idleTimes.size()));
    }

    /**
     * p50 and p99 of queries timed as {nanos, 1 if answered locally}, split local / proxied, under
     * {@code keyPrefix} ("query." -> "query.local.p50").
     */
    private void putQueryLatencies(List<long[]> times, String keyPrefix, String labelSuffix) {
        Map<String, List<Double>> byWay = new LinkedHashMap<>();
        byWay.put("local", new ArrayList<>());
        byWay.put("proxied", new ArrayList<>());
        for (long[] q : times) {
            byWay.get(q[1] == 1 ? "local" : "proxied").add(q[0] / 1e6);
        }
        for (var way : byWay.entrySet()) {
            List<Double> ms = way.getValue();
            ms.sort(Double::compare);
            if (!ms.isEmpty()) {
                String key = keyPrefix + way.getKey();
                results.put(key + ".p50", "query 1h/1m " + way.getKey() + " p50" + labelSuffix, percentile(ms, 0.5), "ms");
                results.put(key + ".p99", "query 1h/1m " + way.getKey() + " p99" + labelSuffix, percentile(ms, 0.99), "ms");
            }
        }
    }

    private void awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!lag.drained(lag.now())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the apps did not catch up: " + lag.now());
            }
            Thread.sleep(250);
        }
    }

    /** Records when each SLO's first FIRING alert becomes readable on {@code alerts}. */
    private Thread alertWatcher(List<String> sloIds, Map<String, Long> fired, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor("alerts").stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);              // resolve now: only alerts written from here on count
        Deserializer<Alert> d = serdes.serde(Alert.class).deserializer();
        return new Thread(() -> {
            try (c) {
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                        long now = System.currentTimeMillis();
                        Alert a = d.deserialize(r.topic(), r.value());
                        if (a.getStatus() == AlertStatus.FIRING && sloIds.contains(a.getSloId())
                                && "SLOBurnRate".equals(a.getLabels().get("alertname"))) {
                            fired.putIfAbsent(a.getSloId(), now);
                        }
                    }
                }
            }
        }, "bench-alerts");
    }

    /** Sequential series queries against the first aggregator: {nanos, 1 if served locally}. */
    private Thread queryLoop(List<long[]> times, AtomicBoolean stop, int count) {
        AppProcess a1 = apps.get("sli-aggregator-1");
        String self = "127.0.0.1:" + a1.port();
        List<String> services = Catalog.services(profile.services()).stream().map(ServiceProfile::name).toList();
        return new Thread(() -> {
            int i = 0;
            while (!stop.get() && times.size() < count) {
                String service = services.get(i % services.size());
                HttpRequest req = HttpRequest.newBuilder(URI.create(a1.url("/api/v1/services/" + enc(service) + "/sli")))
                        .timeout(Duration.ofSeconds(10)).GET().build();
                try {
                    long t = System.nanoTime();
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - t;
                    if (r.statusCode() == 200 && i >= 50) {
                        String servedBy = r.headers().firstValue("X-Vigil-Served-By").orElse("");
                        times.add(new long[] {took, servedBy.equals(self) ? 1 : 0});
                    }
                } catch (java.io.IOException e) {
                    // counted as missing; the figure's count shows it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                i++;
            }
        }, "bench-queries");
    }

    /** Passes records on to Kafka and keeps, per service, every request as the normalizer reads it. */
    static final class TruthSink implements RawSink {
        private final RawSink delegate;
        private final RecordNormalizer normalizer = new RecordNormalizer(NormalizeSettings.defaults());
        private final Map<String, SourceSpec> sources = new HashMap<>();
        private final Map<String, List<DetectionTruth.Request>> requests = new ConcurrentHashMap<>();

        TruthSink(RawSink delegate) {
            this.delegate = delegate;
            SourceSpec.defaults().forEach(s -> sources.put(s.topic(), s));
        }

        @Override
        public void send(RawRecord record) {
            delegate.send(record);
            for (Normalized n : normalizer.normalize(sources.get(record.topic()), record.value(), System.currentTimeMillis())) {
                if (n instanceof Normalized.Event e) {
                    requests.computeIfAbsent(e.event().getService(), s -> new CopyOnWriteArrayList<>()).add(new DetectionTruth.Request(
                            e.event().getTimestamp().toEpochMilli(), e.event().getOutcome() == Outcome.AVAILABILITY_ERROR));
                }
            }
        }

        List<DetectionTruth.Request> requests(String service) {
            return requests.getOrDefault(service, List.of());
        }

        long[] minuteCounts(String service, long minuteStart) {
            long[] c = new long[2];
            for (DetectionTruth.Request r : requests(service)) {
                if (Math.floorDiv(r.timestampMillis(), 60_000L) * 60_000L == minuteStart) {
                    c[0]++;
                    c[1] += r.bad() ? 1 : 0;
                }
            }
            return c;
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    // ---------------------------------------------------------------- 6. resources

    private void resources() {
        for (var e : apps.entrySet()) {
            ProcStats s = ProcStats.of(e.getValue().pid());
            results.put("rss." + e.getKey(), e.getKey() + ": peak RSS (VmHWM)", s.peakRssMib(), "MiB");
            results.put("cpu." + e.getKey(), e.getKey() + ": CPU time (utime+stime)", s.cpuSeconds(), "s");
        }
    }

    // ---------------------------------------------------------------- targets

    private void targets() {
        double ratio = results.has("sustain.ratio") ? results.get("sustain.ratio") : results.get("drain.ratio");
        results.target(new Results.Target("pipeline throughput vs ceiling", ">= 0.3", fmt("%.3f of the ceiling (sustained)", ratio),
                ratio >= 0.3, fmt(ratio >= 0.3 ? "%.1fx the goal" : "%.0f%% short of 0.3", ratio >= 0.3 ? ratio / 0.3 : (1 - ratio / 0.3) * 100)));
        if (results.has("detection.p50")) {
            double p50 = results.get("detection.p50");
            results.target(new Results.Target("detection delay p50", "<= 5 s", fmt("%.2f s (max %.2f s)", p50, results.get("detection.max")),
                    p50 <= 5, fmt(p50 <= 5 ? "%.2f s to spare" : "%.2f s over", Math.abs(5 - p50))));
        } else {
            results.target(new Results.Target("detection delay p50", "<= 5 s", "no incident measured", false, "not measured"));
        }
        if (results.has("query.proxied.p99")) {
            double p99 = results.get("query.proxied.p99");
            results.target(new Results.Target("proxied query p99", "< 25 ms", fmt("%.2f ms", p99), p99 < 25,
                    fmt(p99 < 25 ? "%.2f ms to spare" : "%.2f ms over", Math.abs(25 - p99))));
        } else {
            results.target(new Results.Target("proxied query p99", "< 25 ms", "no proxied query", false, "not measured"));
        }
        double worst = 0;
        double promWorst = 0;
        for (String q : QUANTILE_NAMES) {
            worst = Math.max(worst, results.get("accuracy.vigil." + q));
            promWorst = Math.max(promWorst, results.get("accuracy.prom." + q));
        }
        results.target(new Results.Target("percentile error (p50..p99.9)", "<= 1% relative",
                fmt("%.3f%% max (histogram_quantile: %.1f%% max)", worst, promWorst), worst <= 1.0,
                fmt(worst <= 1.0 ? "%.3f points to spare" : "%.3f points over", Math.abs(1.0 - worst))));
        for (String app : apps.keySet()) {
            double rss = results.get("rss." + app);
            results.target(new Results.Target(app + " RSS at " + profile.services() + " services", "< 512 MiB", fmt("%.0f MiB", rss),
                    rss < 512, fmt(rss < 512 ? "%.0f MiB to spare" : "%.0f MiB over", Math.abs(512 - rss))));
        }
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode getJson(AppProcess app, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    /** The value at 0-based rank floor(q x (n - 1)) of {@code sorted}: DDSketch's quantile definition. */
    static double lowerRank(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    static double percentile(List<Double> sorted, double q) {
        return Quantiles.nearestRank(sorted.stream().mapToDouble(Double::doubleValue).toArray(), sorted.size(), q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
