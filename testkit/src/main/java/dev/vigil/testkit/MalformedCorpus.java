package dev.vigil.testkit;

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
 * The normalizer's malformed-input corpus ({@code ingest-normalizer/src/test/resources/corpus}, see
 * its README): {@code <source>.tsv} files with one case per line ({@code REASON<TAB>raw value}) and
 * {@code binary/<source>.<case>.<REASON>.bin} files. Every case must become exactly one dead letter
 * with its reason; read here once for the normalizer's tests and the end-to-end run.
 */
public final class MalformedCorpus {

    /** One malformed record of a built-in source (whose default raw topic is {@code raw.<source>}). */
    public record Case(String source, String name, DeadLetterReason expected, byte[] value) {

        public String topic() {
            return "raw." + source;
        }

        @Override
        public String toString() {
            return source + "/" + name + " -> " + expected;
        }
    }

    private MalformedCorpus() {
    }

    /** Every case under {@code dir}, in file order. */
    public static List<Case> read(Path dir) {
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
                    cases.add(new Case(source, "line " + n, DeadLetterReason.valueOf(line.substring(0, tab)),
                            line.substring(tab + 1).getBytes(StandardCharsets.UTF_8)));
                }
            }
            try (Stream<Path> bins = Files.list(dir.resolve("binary"))) {
                for (Path f : bins.sorted().toList()) {
                    String[] parts = f.getFileName().toString().split("\\.");
                    cases.add(new Case(parts[0], parts[1], DeadLetterReason.valueOf(parts[2]), Files.readAllBytes(f)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus in " + dir, e);
        }
        return cases;
    }
}
