package dev.vigil.alerting.config;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.alerting.alert.AlertState;
import dev.vigil.alerting.topology.AlertingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The topology's counters at /q/metrics. */
@ApplicationScoped
public class AlertingMeters implements AlertingMetrics {

    private final Counter firing;
    private final Counter resolved;
    private final Counter late;
    private final Counter invalidWindows;
    private final Counter invalidDefinitions;
    private final Counter updates;

    public AlertingMeters(MeterRegistry registry) {
        firing = Counter.builder("vigil.alerting.transitions").tag("status", "firing").description("Alert transitions emitted").register(registry);
        resolved = Counter.builder("vigil.alerting.transitions").tag("status", "resolved").description("Alert transitions emitted")
                .register(registry);
        late = Counter.builder("vigil.alerting.late.updates").description("SLI updates for minutes older than the 6h minute horizon, not counted")
                .register(registry);
        invalidWindows = Counter.builder("vigil.alerting.invalid.windows").description("SLI windows with impossible values, dead-lettered")
                .register(registry);
        invalidDefinitions = Counter.builder("vigil.alerting.invalid.definitions")
                .description("Invalid SLO definitions found on the definitions topic").register(registry);
        updates = Counter.builder("vigil.alerting.sli.updates").description("SLI window updates processed").register(registry);
    }

    @Override
    public void transition(AlertState state) {
        (state == AlertState.FIRING ? firing : resolved).increment();
    }

    @Override
    public void lateUpdate() {
        late.increment();
    }

    @Override
    public void invalidWindow() {
        invalidWindows.increment();
    }

    @Override
    public void invalidDefinition() {
        invalidDefinitions.increment();
    }

    @Override
    public void sliUpdate() {
        updates.increment();
    }
}
