package dev.vigil.alerting.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The short runs the docs record: 1 fork, 2 warm-up and 3 measurement iterations of 1 s, unless a benchmark says otherwise. */
final class BenchRunner {

    private BenchRunner() {
    }

    static void run(Class<?> benchmark, String... extraJvmArgs) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + "\\.")
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                // Logging as in the app (Kafka at WARN). Outside Quarkus the JBoss log manager reports every level as
                // enabled, and Kafka Streams then formats a TRACE line with the whole record for every record: a third
                // of the stream thread's time. Log4j's default configuration (errors only) avoids that.
                .jvmArgsAppend("-Xmx1g", "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir", "target"));
        if (extraJvmArgs.length > 0) {
            options = options.jvmArgsAppend(extraJvmArgs);
        }
        new Runner(options.build()).run();
    }
}
