package dev.vigil.bench.jmh;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH microbenchmarks of this package with the short settings the docs record: 1 fork,
 * 2 warm-up and 3 measurement iterations of 1 s. Arguments: regular expressions of the benchmarks
 * to run (default: all of this package), e.g. {@code ParserBenchmark} or {@code Avro.*decode}.
 */
public final class JmhMain {

    private JmhMain() {
    }

    public static void main(String[] args) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1)).jvmArgsAppend("-Xmx1g");
        if (args.length == 0) {
            options.include(JmhMain.class.getPackageName() + "\\..*Benchmark");
        }
        for (String regex : args) {
            options.include(regex);
        }
        new Runner(options.build()).run();
    }
}
