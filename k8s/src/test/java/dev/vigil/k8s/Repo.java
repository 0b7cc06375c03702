package dev.vigil.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the repository and its modules are. */
final class Repo {

    /** The apps whose configuration the manifests must agree with (their module directories). */
    static final List<String> APPS = List.of("ingest-normalizer", "sli-aggregator", "alerting");
    static final List<String> OVERLAYS = List.of("dev", "production");

    private Repo() {
    }

    static Path root() {
        String prop = System.getProperty("vigil.repo.root");
        Path start = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("k8s/base")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + start);
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }
}
