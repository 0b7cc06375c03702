package dev.vigil.normalizer;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import dev.vigil.testkit.MalformedCorpus;

/** The malformed corpus under src/test/resources/corpus (format: {@link MalformedCorpus}). */
public final class Corpus {

    private Corpus() {
    }

    public static Path dir() {
        try {
            return Path.of(Corpus.class.getResource("/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<MalformedCorpus.Case> all() {
        return MalformedCorpus.read(dir());
    }
}
