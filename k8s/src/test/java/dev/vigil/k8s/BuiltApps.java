package dev.vigil.k8s;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The built apps as the manifest checks see them, read once for every test class: the configuration
 * each reads (loading it opens the app's whole classpath) and its image's Dockerfile.
 */
final class BuiltApps {

    private BuiltApps() {
    }

    static AppConfig config(String app) {
        return Configs.ALL.get(app);
    }

    static Dockerfile image(String app) {
        return Images.ALL.get(app);
    }

    /** Every (overlay, app) pair. */
    static Stream<Arguments> deployments() {
        return Repo.OVERLAYS.stream().flatMap(o -> Repo.APPS.stream().map(a -> Arguments.of(o, a)));
    }

    private static <T> Map<String, T> read(Function<String, T> reader) {
        return Repo.APPS.stream().collect(Collectors.toUnmodifiableMap(app -> app, reader));
    }

    // Holders: each is read on first use only (the pod policy needs the images, not the configuration).
    private static final class Configs {
        static final Map<String, AppConfig> ALL = read(app -> AppConfig.load(Repo.root().resolve(app)));
    }

    private static final class Images {
        static final Map<String, Dockerfile> ALL = read(app -> Dockerfile.read(Repo.root().resolve(app)));
    }
}
