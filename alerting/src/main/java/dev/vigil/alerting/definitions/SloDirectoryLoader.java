package dev.vigil.alerting.definitions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.alerting.slo.SloParser;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the SLO files of {@code vigil.slo.dir} (a mounted ConfigMap in Kubernetes) once Kafka
 * Streams runs, and writes the SLOs that differ from the topic's to the definitions topic. A file
 * with a problem is skipped as a whole (each problem logged on one line); when every file is good,
 * SLOs that came from files but are in none of them any more are deleted ({@code vigil.slo.prune}).
 */
@ApplicationScoped
public class SloDirectoryLoader {

    private static final Logger LOG = Logger.getLogger(SloDirectoryLoader.class);

    /** What a load did. */
    public record LoadResult(int found, int written, int unchanged, int pruned, List<String> problems) {
    }

    private final AlertingConfig config;
    private final SloPublisher publisher;
    private final SloCatalog catalog;
    private final KafkaStreams streams;
    private volatile Thread loader;
    private volatile LoadResult last;

    public SloDirectoryLoader(AlertingConfig config, SloPublisher publisher, SloCatalog catalog, KafkaStreams streams) {
        this.config = config;
        this.publisher = publisher;
        this.catalog = catalog;
        this.streams = streams;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.slo().dir().isEmpty()) {
            return;
        }
        Path dir = Path.of(config.slo().dir().get());
        loader = new Thread(() -> loadWhenRunning(dir), "vigil-slo-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread t = loader;
        if (t != null) {
            t.interrupt();
        }
    }

    /** The result of the last load, or null before the first. */
    public LoadResult last() {
        return last;
    }

    private void loadWhenRunning(Path dir) {
        while (!Thread.currentThread().isInterrupted()) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                try {
                    last = load(dir);
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("could not load SLO files from %s yet (%s); retrying", dir, e.getMessage());
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Parses every *.yaml / *.yml file of {@code dir} and writes what changed. */
    public LoadResult load(Path dir) {
        List<String> problems = new ArrayList<>();
        List<Slo> slos = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
            files = List.of();
        }
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                SloParser.Result r = SloParser.parse(Files.readString(file, StandardCharsets.UTF_8), name, "file:" + name, Instant.now());
                problems.addAll(r.errors());
                for (Slo s : r.slos()) {
                    if (!ids.add(s.id())) {
                        problems.add(name + ": id '" + s.id() + "' is also defined in another file");
                    } else {
                        slos.add(s);
                    }
                }
            } catch (IOException e) {
                problems.add(name + ": cannot read: " + e.getMessage());
            }
        }
        problems.forEach(p -> LOG.warnf("SLO file problem: %s", p));
        List<Slo> changed = slos.stream().filter(s -> !catalog.get(s.id()).map(c -> c.sameDefinitionAs(s)).orElse(false)).toList();
        if (!changed.isEmpty()) {
            publisher.put(changed);
        }
        List<String> stale = new ArrayList<>();
        if (problems.isEmpty() && config.slo().prune()) {
            for (Slo s : catalog.all()) {
                if (s.origin() != null && s.origin().startsWith("file:") && !ids.contains(s.id())) {
                    stale.add(s.id());
                }
            }
            if (!stale.isEmpty()) {
                publisher.delete(stale);
            }
        }
        LOG.infof("SLO files in %s: %d SLOs, %d written, %d unchanged, %d pruned, %d problems", dir, slos.size(), changed.size(),
                slos.size() - changed.size(), stale.size(), problems.size());
        return new LoadResult(slos.size(), changed.size(), slos.size() - changed.size(), stale.size(), problems);
    }
}
