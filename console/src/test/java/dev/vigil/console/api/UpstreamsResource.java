package dev.vigil.console.api;

import java.util.Map;

import dev.vigil.testkit.ManagedProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the console at a real fake aggregator (a live HTTP server) and at an alerting URL where
 * nothing listens, with a short timeout so that a slow answer turns into a 504 quickly.
 */
public class UpstreamsResource implements QuarkusTestResourceLifecycleManager {

    private FakeUpstream aggregator;

    @Override
    public Map<String, String> start() {
        try {
            aggregator = new FakeUpstream();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "vigil.console.aggregator-url", aggregator.url(),
                "vigil.console.alerting-url", "http://127.0.0.1:" + ManagedProcess.freePort(),
                "vigil.console.upstream-timeout", "1s",
                "vigil.console.refresh-interval", "3s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(aggregator, new TestInjector.MatchesType(FakeUpstream.class));
    }

    @Override
    public void stop() {
        if (aggregator != null) {
            aggregator.close();
        }
    }
}
