package dev.vigil.alerting.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Prometheus's labelSetToFingerprint: FNV-1a 64 (offset 0xcbf29ce484222325, prime 0x100000001b3)
 * over sorted names and values, each followed by 0xFF. The expected values were worked out
 * separately from that definition (a few lines of Python over the UTF-8 bytes).
 */
class FingerprintTest {

    @Test
    void theEmptyLabelSetIsTheFnvOffset() {
        assertThat(Fingerprint.hex(Map.of())).isEqualTo("cbf29ce484222325");
    }

    @Test
    void matchesValuesComputedFromTheDefinition() {
        assertThat(Fingerprint.hex(Map.of("a", "b"))).isEqualTo("d2b371819297f98a");
        assertThat(Fingerprint.hex(Map.of("alertname", "SLOBurnRate", "slo", "checkout-availability", "service", "checkout", "severity",
                "page", "long_window", "1h", "short_window", "5m"))).isEqualTo("f4eb6e9efc1929ff");
        // Values are hashed as UTF-8 bytes.
        assertThat(Fingerprint.hex(Map.of("team", "payments", "alertname", "SLONoData", "slo", "x", "service", "café", "severity",
                "ticket"))).isEqualTo("3048e190856d69ff");
    }

    @Test
    void insertionOrderDoesNotMatterButEveryLabelDoes() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("slo", "s");
        a.put("alertname", "SLOBurnRate");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("alertname", "SLOBurnRate");
        b.put("slo", "s");
        assertThat(Fingerprint.of(a)).isEqualTo(Fingerprint.of(b));
        // The separator keeps ("ab","c") and ("a","bc") apart.
        assertThat(Fingerprint.of(Map.of("ab", "c"))).isNotEqualTo(Fingerprint.of(Map.of("a", "bc")));
        assertThat(Fingerprint.hex(Map.of("a", "b"))).hasSize(16);
    }
}
