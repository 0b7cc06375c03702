package dev.vigil.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.Durations;
import dev.vigil.generator.model.IncidentSchedule;
import dev.vigil.generator.model.ServiceProfile;
import dev.vigil.generator.run.GeneratorConfig;
import dev.vigil.generator.run.KafkaSink;
import dev.vigil.generator.run.Mode;
import dev.vigil.generator.run.RawSink;
import dev.vigil.generator.run.RunSummary;
import dev.vigil.generator.run.TrafficGenerator;
import dev.vigil.generator.truth.GroundTruth;

/** The traffic generator as a program ({@code ./vigil generate ...}); {@code --help} lists the options. */
public final class Main {

    static final String USAGE = """
            usage: generate [options]
              --bootstrap-servers HOSTS  Kafka bootstrap servers (default $VIGIL_BOOTSTRAP_SERVERS or 127.0.0.1:9092)
              --mode realtime|simulated  real time (default), or simulated event time as fast as possible
              --rate N                   mean requests per second over all services (default 100)
              --duration D               event time to cover, e.g. 90s, 5m, 2h (real time default: until stopped)
              --count N                  stop after N requests
              --start ISO-8601           simulated start (default: a minute boundary such that the run ends about now)
              --services N               number of services (default 12)
              --seed N                   random seed (default 1); same options and seed, same traffic
              --incidents SPEC           default | none | kind:service:start:duration[:magnitude],...
                                         kinds: error-spike (magnitude = 5xx fraction), latency (factor), outage
                                         e.g. error-spike:checkout:1m:2m:0.3,latency:search:90s:2m:6
              --invalid-ratio F          add a malformed record after this fraction of records (default 0)
              --duplicate-ratio F        write this fraction of requests with a request id twice (default 0)
              --topic FROM=TO            write raw topic FROM under the name TO (repeatable)
              --producer-property K=V    a Kafka producer setting (repeatable), e.g. security.protocol=SASL_SSL
              --producer-config FILE     Kafka producer settings from a properties file
              --ground-truth FILE        write the ground truth (JSON lines) to FILE
              --tick D                   generation step (default 250ms in real time, 1s simulated)
              --quiet                    no progress lines
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the generator; returns the exit code (0 done, 1 failed, 2 bad usage). */
    public static int run(String[] args, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, System.getenv("VIGIL_BOOTSTRAP_SERVERS"));
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help()) {
            err.print(USAGE);
            return 0;
        }
        GeneratorConfig config;
        try {
            config = options.config(Instant.now());
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            return 2;
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(20, TimeUnit.SECONDS);        // let the run flush Kafka and finish the ground truth
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generator-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        TrafficGenerator generator = new TrafficGenerator(config);
        Thread progress = null;
        try (Writer truthOut = options.groundTruth() == null ? Writer.nullWriter()
                : Files.newBufferedWriter(options.groundTruth(), StandardCharsets.UTF_8);
                RawSink sink = new KafkaSink(options.bootstrapServers(), options.producerProperties())) {
            GroundTruth truth = generator.groundTruth(truthOut);
            if (!options.quiet()) {
                err.printf("generate: %s, %d services, %.0f req/s, from %s%s%s, incidents: %s, to %s%n",
                        config.mode().name().toLowerCase(java.util.Locale.ROOT), config.services().size(), config.ratePerSecond(),
                        config.start(), config.duration() == null ? "" : " for " + Durations.format(config.duration()),
                        config.count() == null ? "" : " up to " + config.count() + " requests",
                        config.incidents().incidents().isEmpty() ? "none" : config.incidents().incidents(), options.bootstrapServers());
                progress = progressReporter(generator, err);
            }
            RunSummary summary = generator.run(sink, truth, stop::get);
            if (!options.quiet()) {
                err.printf("generate: done: %d requests, %d records, event time %s .. %s, in %.1f s (%.0f req/s)%s%n",
                        summary.requests(), summary.records(), summary.start(), summary.end(), summary.elapsed().toMillis() / 1000.0,
                        summary.requestsPerSecond(), options.groundTruth() == null ? "" : "; ground truth: " + options.groundTruth());
            }
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("generate: failed: " + e.getMessage());
            return 1;
        } finally {
            if (progress != null) {
                progress.interrupt();
            }
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and has just been released
            }
        }
    }

    private static Thread progressReporter(TrafficGenerator generator, PrintStream err) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(30_000);
                    err.printf("generate: %s %d requests so far%n", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            generator.produced());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generator-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The parsed command line. */
    record Options(String bootstrapServers, Mode mode, double rate, Duration duration, Long count, Instant start, int services,
            long seed, String incidents, double invalidRatio, double duplicateRatio, Map<String, String> topics,
            Map<String, String> producerProperties, Path groundTruth, Duration tick, boolean quiet, boolean help) {

        static Options parse(String[] args, String envBootstrap) {
            String bootstrap = envBootstrap == null || envBootstrap.isBlank() ? "127.0.0.1:9092" : envBootstrap;
            Mode mode = Mode.REALTIME;
            double rate = 100;
            Duration duration = null;
            Long count = null;
            Instant start = null;
            int services = 12;
            long seed = 1;
            String incidents = "default";
            double invalid = 0;
            double duplicates = 0;
            Map<String, String> topics = new LinkedHashMap<>();
            Map<String, String> producer = new LinkedHashMap<>();
            Path truth = null;
            Duration tick = null;
            boolean quiet = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> help = true;
                    case "--quiet", "-q" -> quiet = true;
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i, a);
                    case "--mode" -> mode = switch (value(args, ++i, a)) {
                        case "realtime", "real-time" -> Mode.REALTIME;
                        case "simulated", "fast" -> Mode.SIMULATED;
                        default -> throw new IllegalArgumentException("--mode is realtime or simulated");
                    };
                    case "--rate" -> rate = number(args, ++i, a);
                    case "--duration" -> duration = Durations.parse(value(args, ++i, a));
                    case "--count" -> count = (long) number(args, ++i, a);
                    case "--start" -> start = Instant.parse(value(args, ++i, a));
                    case "--services" -> services = (int) number(args, ++i, a);
                    case "--seed" -> seed = (long) number(args, ++i, a);
                    case "--incidents" -> incidents = value(args, ++i, a);
                    case "--invalid-ratio" -> invalid = number(args, ++i, a);
                    case "--duplicate-ratio" -> duplicates = number(args, ++i, a);
                    case "--topic" -> pair(value(args, ++i, a), topics, a);
                    case "--producer-property" -> pair(value(args, ++i, a), producer, a);
                    case "--producer-config" -> load(Path.of(value(args, ++i, a)), producer);
                    case "--ground-truth" -> truth = Path.of(value(args, ++i, a));
                    case "--tick" -> tick = Durations.parse(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            return new Options(bootstrap, mode, rate, duration, count, start, services, seed, incidents, invalid, duplicates, topics,
                    producer, truth, tick, quiet, help);
        }

        GeneratorConfig config(Instant now) {
            if (mode == Mode.SIMULATED && duration == null && count == null) {
                throw new IllegalArgumentException("a simulated run needs --duration or --count");
            }
            List<ServiceProfile> profiles = Catalog.services(services);
            Instant from = start;
            if (from == null) {
                from = mode == Mode.REALTIME ? now : GeneratorConfig.defaultSimulatedStart(now, duration, count, rate);
            }
            Duration step = tick != null ? tick : mode == Mode.REALTIME ? Duration.ofMillis(250) : Duration.ofSeconds(1);
            return new GeneratorConfig(profiles, rate, mode, from, duration, count, step, seed,
                    IncidentSchedule.parse(incidents, profiles, from), invalidRatio, duplicateRatio, topics);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static double number(String[] args, int i, String option) {
            try {
                return Double.parseDouble(value(args, i, option));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not '" + args[i] + "'");
            }
        }

        private static void pair(String kv, Map<String, String> into, String option) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(option + " needs KEY=VALUE, not '" + kv + "'");
            }
            into.put(kv.substring(0, eq), kv.substring(eq + 1));
        }

        private static void load(Path file, Map<String, String> into) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> into.put(k, p.getProperty(k)));
        }
    }
}
