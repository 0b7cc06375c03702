package dev.vigil.avro.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpClosedException;

class RegistryRetryTest {

    /** What Apicurio's Vert.x adapter throws when the registry closes the connection before answering. */
    private static RuntimeException closedAsTheAdapterWrapsIt() {
        return new RuntimeException(new ExecutionException(new HttpClosedException("Connection was closed")));
    }

    @Test
    void aCallWhoseConnectionClosedIsRetriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String answer = RegistryRetry.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw closedAsTheAdapterWrapsIt();
            }
            return "schema";
        });
        assertThat(answer).isEqualTo("schema");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anErrorThatIsNotAConnectionFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RegistryRetry.call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("artifact not found");
        })).isInstanceOf(IllegalStateException.class).hasMessage("artifact not found");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aConnectionThatKeepsClosingFailsAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RegistryRetry.call(() -> {
            calls.incrementAndGet();
            throw closedAsTheAdapterWrapsIt();
        })).hasRootCauseInstanceOf(HttpClosedException.class);
        assertThat(calls).hasValue(RegistryRetry.ATTEMPTS);
    }
}
