package dev.vigil.alerting.topology;

import java.nio.ByteBuffer;

/**
 * A service's event-time clock: the newest data time seen for it, and the wall-clock time that
 * data arrived. When the data stops, evaluation time moves on with the wall clock from there, so
 * alerts resolve and no-data fires even without traffic.
 */
public record ServiceClock(long eventTimeMs, long wallMs) {

    /** The evaluation time at {@code wallNowMs}; {@code notBeforeWallMs} ignores time this task was not running. */
    public long at(long wallNowMs, long notBeforeWallMs) {
        return eventTimeMs + Math.max(0, wallNowMs - Math.max(wallMs, notBeforeWallMs));
    }

    public byte[] encode() {
        return ByteBuffer.allocate(16).putLong(eventTimeMs).putLong(wallMs).array();
    }

    public static ServiceClock decode(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new ServiceClock(buf.getLong(), buf.getLong());
    }
}
