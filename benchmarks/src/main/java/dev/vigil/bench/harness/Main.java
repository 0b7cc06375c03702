package dev.vigil.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * {@code ./vigil bench [--profile short|full] [--docs FILE] [--work DIR] [--repo DIR]}: runs the {@link Harness},
 * prints the table and appends a dated section to docs/BENCHMARKS.md (or {@code --docs}).
 * The repository root is {@code --repo}, else the system property {@code vigil.repo.root}, else
 * the current directory.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String profile = "short";
        Path repo = Path.of(System.getProperty("vigil.repo.root", ".")).toAbsolutePath().normalize();
        Path docs = null;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profile" -> profile = value(args, ++i);
                case "--docs" -> docs = Path.of(value(args, ++i));
                case "--work" -> work = Path.of(value(args, ++i));
                case "--repo" -> repo = Path.of(value(args, ++i)).toAbsolutePath().normalize();
                case "-h", "--help" -> {
                    System.err.println("usage: bench [--profile short|full] [--docs FILE] [--work DIR] [--repo DIR]");
                    return;
                }
                default -> {
                    System.err.println("bench: unknown option '" + args[i] + "'; usage: bench [--profile short|full] [--docs FILE] [--work DIR] [--repo DIR]");
                    System.exit(2);
                }
            }
        }
        Path docsFile = docs != null ? docs : repo.resolve("docs/BENCHMARKS.md");
        Path workDir = work != null ? work : repo.resolve(".vigil/bench");
        String command = "./vigil bench --profile " + profile;
        run(Profile.of(profile), repo, workDir, docsFile, command);
    }

    /** Runs the harness, prints its table, appends its section to {@code docs}; returns the results. */
    public static Results run(Profile profile, Path repo, Path work, Path docs, String command) throws Exception {
        Instant began = Instant.now();
        String machineBefore = machine();
        Results results = new Harness(profile, repo, work).run();
        Duration took = Duration.between(began, Instant.now());
        System.out.println();
        System.out.printf(Locale.ROOT, "Vigil benchmark, profile %s, %s (%d s)%n%s%n", profile.name(), began.truncatedTo(ChronoUnit.SECONDS),
                took.toSeconds(), machineBefore);
        System.out.print(results.table());
        appendSection(docs, profile, began, took, machineBefore, command, results);
        System.out.println("bench: appended to " + docs);
        return results;
    }

    static void appendSection(Path docs, Profile profile, Instant began, Duration took, String machine, String command, Results results)
            throws IOException {
        String section = "\n## Run " + began.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + " (profile " + profile.name()
                + ")\n\n" + "Machine: " + machine + ". Command: `" + command + "` (" + took.toSeconds() + " s).\n\n" + results.markdown();
        if (docs.getParent() != null) {
            Files.createDirectories(docs.getParent());
        }
        if (!Files.exists(docs)) {
            Files.writeString(docs, "# Benchmarks\n", StandardCharsets.UTF_8);
        }
        Files.writeString(docs, section, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Cores, memory, load average and Java version of this machine. */
    static String machine() {
        String mem = "?";
        String load = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    mem = String.format(Locale.ROOT, "%.1f GiB RAM", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
            String[] l = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            load = "load average " + l[0] + " " + l[1] + " " + l[2];
        } catch (IOException | RuntimeException e) {
            // not Linux: leave the unknowns as "?"
        }
        return String.format(Locale.ROOT, "%d cores, %s, %s, Java %s (%s)", Runtime.getRuntime().availableProcessors(), mem, load,
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
