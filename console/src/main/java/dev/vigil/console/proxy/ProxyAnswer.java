package dev.vigil.console.proxy;

import java.time.Duration;
import java.util.Map;

/** What came back from an upstream: its answer (any status), or why there was none. */
public sealed interface ProxyAnswer {

    /** The upstream answered; {@code headers} holds only the ones passed on to the browser. */
    record Answered(int status, String contentType, byte[] body, Map<String, String> headers) implements ProxyAnswer {
        public Answered {
            headers = Map.copyOf(headers);
        }
    }

    /** No connection, or the connection broke: the page shows the upstream as unreachable. */
    record Unreachable(Upstream upstream, String reason) implements ProxyAnswer {
    }

    /** Connected, but no whole answer within the timeout. */
    record TimedOut(Upstream upstream, Duration timeout) implements ProxyAnswer {
    }
}
