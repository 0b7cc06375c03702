package dev.vigil.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.vigil.avro.DeadLetterReason;

/**
 * The normalizer's malformed-input corpus ({@code ingest-normalizer/src/test/resources/corpus}, see its
 * README): every case must become exactly one dead letter with the expected reason. Read from the
 * repository so that the end-to-end run mixes in exactly the cases the normalizer's own tests use.
 */
public final class Corpus {

    /** One malformed record for {@code topic}. */
    public record Case(String topic, String name, DeadLetterReason expected, byte[] value) {
    }

    private Corpus() {
    }

    public static List<Case> all() {
        Path dir = VigilApp.repoRoot().resolve("ingest-normalizer/src/test/resources/corpus");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                String source = f.getFileName().toString().replace(".tsv", "");
                int n = 0;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    n++;
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    cases.add(new Case(topic(source), source + ":" + n, DeadLetterReason.valueOf(line.substring(0, tab)),
                            line.substring(tab + 1).getBytes(StandardCharsets.UTF_8)));
                }
            }
            try (Stream<Path> bins = Files.list(dir.resolve("binary"))) {
                for (Path f : bins.sorted().toList()) {
                    String[] parts = f.getFileName().toString().split("\\.");
                    cases.add(new Case(topic(parts[0]), f.getFileName().toString(), DeadLetterReason.valueOf(parts[2]),
                            Files.readAllBytes(f)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus in " + dir, e);
        }
        return cases;
    }

    /** Built-in source name -> its default raw topic. */
    private static String topic(String source) {
        return "raw." + source;
    }
}
