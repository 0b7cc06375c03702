package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.e2e.support.Await;
import dev.vigil.e2e.support.Exactness;
import dev.vigil.e2e.support.GeneratorRun;
import dev.vigil.e2e.support.Pipeline;
import dev.vigil.e2e.support.VigilApp;
import dev.vigil.generator.truth.GroundTruthData;
import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.TempDirs;

/**
 * Scenario 4 of issue 7: two instances each of the sli-aggregator and the alerting (own ports and
 * state, {@code application-server} set, one standby replica), 4 partitions, one normalizer.
 * <ol>
 * <li>Every question gets the identical answer from either instance, and both instances own part of
 * the work.</li>
 * <li>One instance of each is stopped: within 30 s the survivor answers every question, with the
 * same answers as before (from its standby replicas, then as the owner).</li>
 * <li>The stopped instances start again: work rebalances back (both own services again) and the
 * answers stay identical.</li>
 * </ol>
 */
class ScaleOutE2EIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @Test
    void eitherInstanceAnswersTheSameAndTheSurvivorAnswersEverything() throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "e2e-scale-");
        try (KafkaTestCluster kafka = KafkaTestCluster.start(); Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), work)) {
            Pipeline.createTopics(kafka.bootstrapServers(), 4);
            AppProcess normalizer = pipeline.start(VigilApp.NORMALIZER, "normalizer");
            AppProcess aggA = pipeline.start(VigilApp.AGGREGATOR, "aggregator-a", true);
            AppProcess aggB = pipeline.start(VigilApp.AGGREGATOR, "aggregator-b", true);
            AppProcess alertA = pipeline.start(VigilApp.ALERTING, "alerting-a", true);
            AppProcess alertB = pipeline.start(VigilApp.ALERTING, "alerting-b", true);
            Pipeline.awaitReady(READY, normalizer, aggA, aggB, alertA, alertB);
            String slos = new String(getClass().getResourceAsStream("/e2e-slos.yaml").readAllBytes(), StandardCharsets.UTF_8);
            HttpResponse<String> applied = alertA.post("/api/v1/slos:apply", "application/yaml", slos, Pipeline.TOKEN);
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

            long requests = GeneratorRun.requestsProperty(150_000) / 3;
            GroundTruthData truth;
            try (GeneratorRun run = GeneratorRun.start(GeneratorRun.config(requests, Duration.ofMinutes(8),
                    "error-spike:checkout:4m:2m:0.3", 0, 0, 5), kafka.bootstrapServers(), work.resolve("ground-truth.jsonl"), List.of())) {
                truth = run.await(Duration.ofMinutes(3));
            }
            Exactness.awaitCounted(aggA, truth, Duration.ofMinutes(3));
            assertThat(Exactness.compareCounts(aggA, truth).mismatches()).as("the scaled-out aggregator is exact").isEmpty();
            // Some alert state to compare: checkout's page (its incident) fires.
            Await.until("the checkout page fired", Duration.ofSeconds(120), () -> {
                HttpResponse<String> r = alertA.get("/api/v1/alerts?service=checkout");
                return r.statusCode() == 200 && r.body().contains("checkout-availability") ? null : r.statusCode() + " " + r.body();
            });

            List<String> aggQuestions = aggregatorQuestions(truth);
            List<String> alertQuestions = alertingQuestions(alertA);

            // 1. The same answer from either instance, for every question; both instances own part of the services.
            Map<String, String> before = new TreeMap<>();
            Set<String> aggOwners = new HashSet<>();
            Set<String> alertOwners = new HashSet<>();
            for (String q : aggQuestions) {
                before.put("agg " + q, identical(aggA, aggB, q, aggOwners, body -> body));
            }
            for (String q : alertQuestions) {
                before.put("alert " + q, identical(alertA, alertB, q, alertOwners, ScaleOutE2EIT::stable));
            }
            assertThat(aggOwners).as("aggregator instances that answered as owners").contains(aggA.hostPort(), aggB.hostPort());
            assertThat(alertOwners).as("alerting instances that answered as owners").contains(alertA.hostPort(), alertB.hostPort());

            // 2. B of each stops: A answers everything, the same, within 30 s.
            long stopped = System.nanoTime();
            aggB.stop();
            alertB.stop();
            Await.until("the survivors answer every question as before", FAILOVER, () -> firstDifference(before, aggA, alertA));
            long failoverMs = (System.nanoTime() - stopped) / 1_000_000;
            System.out.printf("[e2e] scale-out: %d aggregator and %d alerting questions answered identically by either instance; "
                    + "after stopping one of each, the other answered all of them as before %d ms after the stop%n", aggQuestions.size(),
                    alertQuestions.size(), failoverMs);

            // 3. B starts again: work moves back, answers stay identical from both.
            aggB.start();
            alertB.start();
            Pipeline.awaitReady(READY, aggB, alertB);
            Await.until("work rebalanced back to the restarted instances", Duration.ofSeconds(90), () -> {
                Set<String> agg = new HashSet<>();
                Set<String> alert = new HashSet<>();
                for (String q : aggQuestions) {
                    agg.add(servedBy(aggA.get(q)));
                }
                for (String q : alertQuestions) {
                    alert.add(servedBy(alertA.get(q)));
                }
                return agg.contains(aggB.hostPort()) && alert.contains(alertB.hostPort()) ? null : "owners " + agg + " " + alert;
            });
            Await.until("the same answers from every instance after the rebalance", Duration.ofSeconds(60), () -> {
                String a = firstDifference(before, aggA, alertA);
                return a != null ? a : firstDifference(before, aggB, alertB);
            });
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }

    /** Every aggregator question over the run: per service series, endpoints, regions; the services list; the top lists. */
    private static List<String> aggregatorQuestions(GroundTruthData truth) {
        String range = Exactness.range(truth);
        List<String> out = new ArrayList<>();
        for (var s : truth.run().services()) {
            out.add("/api/v1/services/" + s.service() + "/sli?step=1m&" + range);
            out.add("/api/v1/services/" + s.service() + "/endpoints?" + range);
            out.add("/api/v1/services/" + s.service() + "/regions?" + range);
        }
        out.add("/api/v1/services?" + range);
        out.add("/api/v1/top?by=error_ratio&limit=20&" + range);
        out.add("/api/v1/top?by=p99&limit=20&" + range);
        return out;
    }

    /** Every alerting question: the SLO list, each SLO, the alerts, the alerts of each service with an SLO. */
    private static List<String> alertingQuestions(AppProcess alerting) {
        List<String> out = new ArrayList<>(List.of("/api/v1/slos", "/api/v1/alerts"));
        for (JsonNode slo : Exactness.json(body(alerting, "/api/v1/slos"))) {
            out.add("/api/v1/slos/" + slo.path("id").asText());
            out.add("/api/v1/alerts?service=" + slo.path("definition").path("service").asText());
        }
        return out;
    }

    /**
     * Asks both instances until they answer the same ({@code view} of the answers; an alert list may change between the
     * two requests when the owner re-evaluates by wall clock); returns that and notes which instance computed it.
     */
    private static String identical(AppProcess a, AppProcess b, String question, Set<String> owners,
            java.util.function.UnaryOperator<String> view) {
        String[] answer = new String[1];
        Await.until("the same answer to " + question + " from both instances", Duration.ofSeconds(30), () -> {
            HttpResponse<String> ra = a.get(question);
            HttpResponse<String> rb = b.get(question);
            if (ra.statusCode() != 200 || rb.statusCode() != 200) {
                return "HTTP " + ra.statusCode() + " / " + rb.statusCode() + ": " + ra.body() + " / " + rb.body();
            }
            if (!view.apply(ra.body()).equals(view.apply(rb.body()))) {
                return "different answers:\n" + ra.body() + "\n" + rb.body();
            }
            owners.add(servedBy(ra));
            owners.add(servedBy(rb));
            answer[0] = view.apply(ra.body());
            return null;
        });
        return answer[0];
    }

    /** Null when {@code aggregator} and {@code alerting} answer every question as in {@code expected}; else the first difference. */
    private static String firstDifference(Map<String, String> expected, AppProcess aggregator, AppProcess alerting) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            boolean agg = e.getKey().startsWith("agg ");
            String question = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            HttpResponse<String> r = (agg ? aggregator : alerting).get(question);
            if (r.statusCode() != 200) {
                return question + ": HTTP " + r.statusCode() + " " + r.body();
            }
            String got = agg ? r.body() : stable(r.body());
            if (!got.equals(e.getValue())) {
                return question + " differs: " + got;
            }
        }
        return null;
    }

    /**
     * The parts of an alerting answer that do not depend on the moment of asking: SLO definitions, SLIs and error budgets
     * over the period, firing alerts, alert lists. An SLO's evaluation time moves on with the wall clock once its traffic
     * stops (computed when asked: two requests 10 ms apart differ there), and with it its period bounds, window burn rates
     * and time to exhaustion.
     */
    private static String stable(String body) {
        JsonNode n = Exactness.json(body);
        if (n.isArray() && n.size() > 0 && n.get(0).has("errorBudget")) {
            StringBuilder sb = new StringBuilder();
            n.forEach(slo -> sb.append(stableSlo(slo)));
            return sb.toString();
        }
        return n.has("errorBudget") ? stableSlo(n) : body;
    }

    private static String stableSlo(JsonNode slo) {
        return slo.path("id").asText() + slo.path("definition") + slo.path("origin") + slo.path("updatedAt") + slo.path("sli")
                + slo.path("errorBudget") + slo.path("alerts");
    }

    private static String servedBy(HttpResponse<String> r) {
        return r.headers().firstValue("X-Vigil-Served-By").orElse("?");
    }

    private static String body(AppProcess app, String path) {
        return app.get(path).body();
    }
}
