package dev.vigil.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temp folders for tests, removed when done. */
public final class TempDirs {

    private TempDirs() {
    }

    /** A new folder {@code prefix...} under {@code java.io.tmpdir} (the build's target/ in tests). */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the folder is under the build's temp dir
        }
    }
}
