package dev.vigil.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.generator.truth.MinuteTruth;

/** The reference the alert-timing scenario measures against, on hand-made minutes. */
class BurnRateTheoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final BurnRateTheory.Rule PAGE = new BurnRateTheory.Rule(14.4, 5, 1);

    /** 1000 requests a minute, {@code errors[i]} of them failing in minute i. */
    private static List<MinuteTruth> minutes(int... errors) {
        List<MinuteTruth> out = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            out.add(new MinuteTruth("checkout", T0.plusSeconds(60L * i), 1000, errors[i], 0, 0, null, null, null, null, null, Map.of(),
                    Map.of()));
        }
        return out;
    }

    @Test
    void firesAtTheFirstMinuteWhereBothWindowsBurnFastEnough() {
        // 99.9%: 14.4x = 1.44% errors. A 30% spike from minute 4: the 1m window burns 300x at once, the 5m window
        // (4 clean minutes + 300 errors) 60 / 0.1% = 60x: both hold in minute 4.
        List<MinuteTruth> m = minutes(1, 1, 1, 1, 300, 300, 300, 1, 1, 1, 1, 1, 1);
        assertThat(BurnRateTheory.firing(m, 0.999, PAGE, 100)).contains(T0.plusSeconds(240));
        // Resolves when the 1m window is clean again, in the first minute after the spike.
        assertThat(BurnRateTheory.resolution(m, 0.999, PAGE, T0.plusSeconds(240))).contains(T0.plusSeconds(420));
    }

    @Test
    void aSmallSpikeNeedsTheLongWindowToFillUp() {
        // 2% errors: the 1m window burns 20x at once, the 5m window reaches 14.4x only after 4 minutes of it.
        List<MinuteTruth> m = minutes(0, 0, 0, 0, 0, 20, 20, 20, 20, 20, 0);
        assertThat(BurnRateTheory.burn(m, 7, 5, 0.999)).isCloseTo(12.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(BurnRateTheory.firing(m, 0.999, PAGE, 100)).contains(T0.plusSeconds(60 * 8));
    }

    @Test
    void minEventsAndQuietTrafficKeepItSilent() {
        assertThat(BurnRateTheory.firing(minutes(1, 1, 1, 1, 1, 1), 0.999, PAGE, 100)).isEmpty();
        assertThat(BurnRateTheory.firing(minutes(300, 300), 0.999, PAGE, 5000)).isEmpty();
    }
}
