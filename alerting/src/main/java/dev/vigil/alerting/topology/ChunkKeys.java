package dev.vigil.alerting.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the count stores: the SLO id, a zero byte (ids never contain one), and the chunk index
 * as 8 big-endian bytes, so one SLO's chunks are contiguous and ordered by time.
 */
public final class ChunkKeys {

    private ChunkKeys() {
    }

    public static Bytes key(String sloId, long chunk) {
        byte[] id = sloId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(id.length + 9).put(id).put((byte) 0).putLong(chunk).array());
    }

    /** Alert history keys: emission time (8 big-endian bytes), fingerprint, status; ordered by time. */
    public static Bytes historyKey(long emittedAtMs, String fingerprint, int status) {
        byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(9 + fp.length).putLong(emittedAtMs).put(fp).put((byte) status).array());
    }

    public static Bytes historyFrom(long emittedAtMs) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(Math.max(0, emittedAtMs)).array());
    }
}
