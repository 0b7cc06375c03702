package dev.vigil.aggregator.topology;

import org.jboss.logging.Logger;

/** One warning line per period at most, carrying how many occurrences it stands for. */
final class ThrottledLog {

    private final Logger log;
    private final long periodMs;
    private long lastLoggedAt;
    private boolean loggedOnce;
    private long pending;

    ThrottledLog(Logger log, long periodMs) {
        this.log = log;
        this.periodMs = periodMs;
    }

    /** Counts one occurrence; logs {@code count + " " + what} when the period since the last line has passed. */
    void record(long nowMs, String what) {
        pending++;
        if (!loggedOnce || nowMs - lastLoggedAt >= periodMs) {
            log.warnf("%d %s", pending, what);
            pending = 0;
            lastLoggedAt = nowMs;
            loggedOnce = true;
        }
    }
}
