package dev.vigil.alerting.alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus's label-set fingerprint (prometheus/common model {@code labelSetToFingerprint}):
 * FNV-1a 64 over the label names in sorted order, each name and value followed by a 0xFF byte;
 * printed as 16 lowercase hex digits. Alertmanager identifies and deduplicates alerts by it.
 */
public final class Fingerprint {

    static final long OFFSET = 0xcbf29ce484222325L;
    static final long PRIME = 0x100000001b3L;
    static final int SEPARATOR = 0xFF;

    private Fingerprint() {
    }

    public static long of(Map<String, String> labels) {
        long h = OFFSET;
        // Label names are ASCII, so String order is Go's byte order.
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            h = add(h, e.getKey());
            h = addByte(h, SEPARATOR);
            h = add(h, e.getValue());
            h = addByte(h, SEPARATOR);
        }
        return h;
    }

    public static String hex(Map<String, String> labels) {
        return String.format("%016x", of(labels));
    }

    private static long add(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = addByte(h, b & 0xff);
        }
        return h;
    }

    private static long addByte(long h, int b) {
        return (h ^ b) * PRIME;
    }
}
