package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.vigil.bench.harness.Main;
import dev.vigil.bench.harness.Profile;
import dev.vigil.bench.harness.Results;

/**
 * The short profile of the harness end to end (real broker, the three built apps, two aggregator
 * instances): every figure is produced and sane, and the dated section is appended to a copy of
 * docs/BENCHMARKS.md, never to the real file. No timing assertions: this machine's speed is not
 * what is tested.
 */
class BenchHarnessIT {

    @Test
    void shortProfileProducesEveryFigureAndTheDocsSection() throws Exception {
        Path repo = Path.of(System.getProperty("vigil.repo.root"));
        Path target = Path.of(System.getProperty("java.io.tmpdir"));
        Path work = Files.createTempDirectory(target, "bench-it-");
        Path docs = work.resolve("BENCHMARKS.md");
        Path real = repo.resolve("docs/BENCHMARKS.md");
        if (Files.exists(real)) {
            Files.copy(real, docs);
        }
        // Characters, not bytes: the file holds non-ASCII text (µs).
        String docsBefore = Files.exists(docs) ? Files.readString(docs) : "";
        String realBefore = Files.exists(real) ? Files.readString(real) : null;

        Results r = Main.run(Profile.of("short"), repo, work.resolve("run"), docs, "BenchHarnessIT");

        assertThat(r.get("ceiling.records")).isPositive();
        assertThat(r.get("input.records")).isPositive();
        assertThat(r.get("input.requests")).isGreaterThanOrEqualTo(r.get("input.records"));
        assertThat(r.get("drain.events")).isPositive();
        assertThat(r.get("drain.ratio")).isPositive();
        assertThat(r.get("sustain.events")).isPositive();
        assertThat(r.get("sustain.ratio")).isPositive();
        assertThat(r.get("detection.incidents")).isPositive();
        // A delay is the alert's arrival after the data made the rule hold: never before it (a small clock slack only).
        assertThat(r.get("detection.p50")).isGreaterThan(-0.5).isLessThan(120);
        assertThat(r.get("detection.max")).isGreaterThanOrEqualTo(r.get("detection.p50"));
        assertThat(r.get("query.local.count") + r.get("query.proxied.count")).isPositive();
        assertThat(r.get("query.proxied.count")).as("two aggregator instances: some keys live on the other").isPositive();
        assertThat(r.get("query.proxied.p99")).isPositive().isGreaterThanOrEqualTo(r.get("query.proxied.p50"));
        for (String q : new String[] {"p50", "p90", "p99", "p99.9"}) {
            assertThat(r.get("accuracy.vigil." + q)).isGreaterThanOrEqualTo(0).isLessThan(100);
            assertThat(r.get("accuracy.prom." + q)).isGreaterThanOrEqualTo(0);
        }
        assertThat(r.get("accuracy.samples")).isPositive();
        // The control: the same latencies in a sketch made in the harness; Vigil's pipeline adds nothing to its error.
        for (String q : new String[] {"p50", "p90", "p99", "p99.9"}) {
            assertThat(r.get("accuracy.sketch." + q)).isGreaterThanOrEqualTo(0).isLessThan(100);
        }
        assertThat(r.get("drain.cpu.total")).isPositive();
        assertThat(r.get("drain.cpu.share")).isPositive();
        assertThat(r.has("query.idle.local.p50") || r.has("query.idle.proxied.p50")).as("queries with the pipeline idle").isTrue();
        for (String app : new String[] {"ingest-normalizer", "sli-aggregator-1", "sli-aggregator-2", "alerting"}) {
            assertThat(r.get("rss." + app)).as(app + " RSS").isGreaterThan(20).isLessThan(4096);
            assertThat(r.get("cpu." + app)).as(app + " CPU").isPositive();
        }
        assertThat(r.targets()).hasSizeGreaterThanOrEqualTo(8);

        String written = Files.readString(docs);
        assertThat(written).startsWith(docsBefore).hasSizeGreaterThan(docsBefore.length());
        assertThat(written.substring(docsBefore.length())).contains("## Run ", "(profile short)", "Machine: ", "cores", "Java ",
                "BenchHarnessIT", "| pipeline throughput vs ceiling |", "| detection delay p50 |", "| proxied query p99 |");
        assertThat(realBefore == null ? !Files.exists(real) : Files.readString(real).equals(realBefore))
                .as("the real docs file is untouched").isTrue();
    }
}
