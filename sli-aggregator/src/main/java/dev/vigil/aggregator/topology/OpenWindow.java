package dev.vigil.aggregator.topology;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.kafka.common.utils.Bytes;

/**
 * A minute window not yet published as final. Its key in the open-windows store is the window
 * start (8 bytes, big-endian) followed by the SLI key, so that the windows to close are one range
 * scan from the oldest start.
 */
record OpenWindow(long start, Bytes key) {

    Bytes storeKey() {
        byte[] k = key.get();
        return Bytes.wrap(ByteBuffer.allocate(8 + k.length).putLong(start).put(k).array());
    }

    static OpenWindow fromStoreKey(Bytes storeKey) {
        byte[] b = storeKey.get();
        return new OpenWindow(ByteBuffer.wrap(b, 0, 8).getLong(), Bytes.wrap(Arrays.copyOfRange(b, 8, b.length)));
    }

    /** A bound of the open-windows store that sorts before every window starting at {@code start} or later. */
    static Bytes startBound(long start) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(start).array());
    }
}
