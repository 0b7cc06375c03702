package dev.vigil.alerting.alertmanager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.query.AlertQueries;
import dev.vigil.app.api.ProblemException;
import dev.vigil.avro.Alert;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends this instance's alerts to Alertmanager ({@code vigil.alertmanager.url}): every alert that
 * fires (from the active-alerts store, so only this instance's partitions), and the resolutions of
 * the last {@code resolved-resend-for}. It checks every second and posts as soon as something
 * changed, and at least every resend interval. A failed post is retried with exponential backoff
 * (1 s doubling up to the resend interval); the next success carries the whole current state, so
 * nothing is lost while Alertmanager was away. One log line when it becomes unreachable, one when
 * it is back.
 */
@ApplicationScoped
public class AlertmanagerBridge {

    private static final Logger LOG = Logger.getLogger(AlertmanagerBridge.class);
    static final Duration TICK = Duration.ofSeconds(1);

    private final AlertingConfig.Alertmanager config;
    private final AlertQueries queries;
    private final ObjectMapper json;
    private final HttpClient http;
    private ScheduledExecutorService scheduler;

    // Touched by the scheduler thread only.
    private Set<String> sent = Set.of();
    private long lastSendMs = Long.MIN_VALUE;
    private int failures;
    private long nextAttemptMs;

    public AlertmanagerBridge(AlertingConfig config, AlertQueries queries, ObjectMapper json) {
        this.config = config.alertmanager();
        this.queries = queries;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.url().isEmpty() || config.url().get().isBlank()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-alertmanager-bridge");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("sending alerts to Alertmanager at %s", config.url().get());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    void tick() {
        try {
            long now = System.currentTimeMillis();
            if (now < nextAttemptMs) {
                return;
            }
            List<Alert> firing;
            List<Alert> resolved;
            try {
                firing = queries.localFiring();
                resolved = queries.localResolvedSince(Instant.ofEpochMilli(now).minus(config.resolvedResendFor()));
            } catch (ProblemException e) {
                return; // Kafka Streams is not running (yet): nothing to read.
            }
            Set<String> current = new HashSet<>();
            firing.forEach(a -> current.add("F" + a.getFingerprint() + a.getStartsAt()));
            resolved.forEach(a -> current.add("R" + a.getFingerprint() + a.getEndsAt()));
            boolean changed = !current.equals(sent);
            boolean due = lastSendMs == Long.MIN_VALUE || now - lastSendMs >= config.resendInterval().toMillis();
            if (!changed && !due) {
                return;
            }
            if (current.isEmpty() && sent.isEmpty()) {
                lastSendMs = now;
                return;
            }
            post(AlertmanagerPayload.of(firing, resolved, Instant.ofEpochMilli(now), config.resendInterval()));
            if (failures > 0) {
                LOG.infof("Alertmanager at %s is reachable again; sent %d firing and %d resolved alerts", config.url().get(), firing.size(),
                        resolved.size());
            }
            sent = current;
            lastSendMs = now;
            failures = 0;
            nextAttemptMs = 0;
        } catch (Exception e) {
            failures++;
            long backoff = Math.min(config.resendInterval().toMillis(), TICK.toMillis() << Math.min(failures - 1, 16));
            nextAttemptMs = System.currentTimeMillis() + backoff;
            if (failures == 1) {
                LOG.warnf("could not send alerts to Alertmanager at %s (%s); retrying with backoff", config.url().get(), e.getMessage());
            }
        }
    }

    private void post(List<Map<String, Object>> alerts) throws Exception {
        String base = config.url().get().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts")).timeout(config.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(alerts)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + response.body().lines().limit(1).collect(Collectors.joining()));
        }
    }
}
