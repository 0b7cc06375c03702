package dev.vigil.aggregator.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The short runs the docs record: 1 fork, 2 warm-up and 3 measurement iterations of 1 s, unless a benchmark says otherwise. */
final class BenchRunner {

    private BenchRunner() {
    }

    static void run(Class<?> benchmark) throws RunnerException {
        Options options = new OptionsBuilder().include(benchmark.getName() + "\\.")
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                // The JBoss log manager (as in the app and in surefire): without it Kafka's TRACE lines are formatted for every record.
                .jvmArgsAppend("-Xmx1g", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                        "-Dvigil.app.jar=" + System.getProperty("vigil.app.jar", "target/quarkus-app/quarkus-run.jar"))
                .build();
        new Runner(options).run();
    }
}
