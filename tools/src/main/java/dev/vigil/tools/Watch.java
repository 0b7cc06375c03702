package dev.vigil.tools;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.tools.cli.Args;
import dev.vigil.tools.cli.ClientOptions;
import dev.vigil.tools.watch.AlertFeed;
import dev.vigil.tools.watch.Screen;
import dev.vigil.tools.watch.ServiceRow;
import dev.vigil.tools.watch.Snapshot;
import dev.vigil.tools.watch.Views;

/**
 * The demo's live terminal view: alert transitions as they happen (from the {@code alerts} topic),
 * and a table per service (availability, error ratio, p99 from the aggregator's REST API; budget left
 * from the alerting service's), refreshed every few seconds until the time is up or Ctrl-C.
 */
public final class Watch {

    static final String USAGE = """
            usage: watch [options]
              --aggregator URL         sli-aggregator (default http://127.0.0.1:$VIGIL_AGGREGATOR_PORT, port 8081)
              --alerting URL           alerting (default http://127.0.0.1:$VIGIL_ALERTING_PORT, port 8082)
              --minutes M              how long to run (default 5; decimals allowed)
              --refresh SECONDS        time between frames (default 2)
              --banner TEXT            a line under the title (e.g. the incident schedule)
              --alerts-topic NAME      (default alerts)
              --once                   draw one frame and stop
              --plain                  no colours, no screen clearing (a log of frames)
              --bootstrap-servers H    Kafka (default $VIGIL_BOOTSTRAP_SERVERS or 127.0.0.1:9092)
              --command-config FILE / --property K=V   Kafka client and serde settings
            """;
    private static final Set<String> FLAGS = Set.of("--once", "--plain", "--help");
    private static final Set<String> VALUED = Tail.union(Set.of("--aggregator", "--alerting", "--minutes", "--refresh", "--banner",
            "--alerts-topic"), ClientOptions.OPTIONS);

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    public Watch(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Watch watch = new Watch(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8),
                System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(watch::stop, "watch-stop"));
        System.exit(watch.run(args, System.getenv(), System.getProperties(), System.console() != null));
    }

    public void stop() {
        stopping = true;
        try {
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int run(String[] args, Map<String, String> env, Properties system, boolean terminal) {
        try {
            Args a = Args.parse(args, FLAGS, VALUED);
            if (a.flag("--help")) {
                out.print(USAGE);
                return 0;
            }
            ClientOptions client = ClientOptions.from(a, env, system);
            String aggregator = a.value("--aggregator", "http://127.0.0.1:" + env.getOrDefault("VIGIL_AGGREGATOR_PORT", "8081"));
            String alerting = a.value("--alerting", "http://127.0.0.1:" + env.getOrDefault("VIGIL_ALERTING_PORT", "8082"));
            Instant start = Instant.now();
            Instant end = start.plusMillis(Math.round(a.decimal("--minutes", 5) * 60_000));
            long refreshMs = Math.max(200, Math.round(a.decimal("--refresh", 2) * 1000));
            boolean once = a.flag("--once");
            boolean fancy = terminal && !a.flag("--plain");
            Screen screen = new Screen(fancy && System.getenv("NO_COLOR") == null);
            try (AlertFeed feed = new AlertFeed(client.kafka(), client.vigilSerdes(), a.value("--alerts-topic", "alerts"),
                    start.minus(Duration.ofMinutes(2)))) {
                while (!stopping) {
                    long frameStart = System.nanoTime();
                    feed.poll(Duration.ofMillis(once ? 10_000 : 500));
                    Snapshot s = snapshot(aggregator, alerting, a.value("--banner", ""), feed, end);
                    out.print((fancy ? "\u001b[H\u001b[2J" : "") + screen.render(s) + (fancy ? "" : "----\n"));
                    out.flush();
                    if (once || !Instant.now().isBefore(end)) {
                        break;
                    }
                    sleep(refreshMs - (System.nanoTime() - frameStart) / 1_000_000);
                }
            }
            return 0;
        } catch (Args.UsageException | IllegalArgumentException e) {
            err.println("watch: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("watch: " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
        }
    }

    private Snapshot snapshot(String aggregator, String alerting, String banner, AlertFeed feed, Instant end) {
        List<String> problems = new ArrayList<>();
        JsonNode services = get(aggregator + "/api/v1/services?hours=1", "sli-aggregator", problems);
        JsonNode slos = get(alerting + "/api/v1/slos", "alerting", problems);
        List<JsonNode> sloItems = new ArrayList<>(Views.items(slos));
        // The list may leave the budget out; ask for each SLO's detail then (a demo has a handful).
        if (!sloItems.isEmpty() && Views.budgets(sloItems).isEmpty()) {
            List<JsonNode> details = new ArrayList<>();
            for (JsonNode slo : sloItems.subList(0, Math.min(24, sloItems.size()))) {
                String id = slo.path("id").asText(null);
                JsonNode d = id == null ? null : get(alerting + "/api/v1/slos/" + id, "alerting", problems);
                if (d != null) {
                    details.add(d);
                }
            }
            sloItems = details;
        }
        if (feed.problem() != null) {
            problems.add(feed.problem());
        }
        List<ServiceRow> rows = Views.services(services, Views.budgets(sloItems), feed.firingByService());
        return new Snapshot(Instant.now(), end, banner, Screen.newestFirst(feed.transitions(), 12), rows,
                problems.stream().distinct().toList());
    }

    private JsonNode get(String url, String app, List<String> problems) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                problems.add(app + ": HTTP " + r.statusCode() + " from " + url);
                return null;
            }
            return json.readTree(r.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(app + ": not JSON from " + url);
            return null;
        } catch (java.io.IOException e) {
            problems.add(app + ": no answer from " + url + " (" + e.getClass().getSimpleName() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return null;
        }
    }

    private void sleep(long millis) {
        long until = System.currentTimeMillis() + Math.max(0, millis);
        while (!stopping && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
