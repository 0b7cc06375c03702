package dev.vigil.e2e.support;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.vigil.generator.truth.MinuteTruth;

/**
 * When a multiwindow burn-rate rule should fire and resolve, computed from the ground truth's
 * per-minute counts with the contract's rule: at minute M the rule holds when the availability burn
 * rate (errors / total over the window, divided by 1 - target) is at least the rule's rate over the
 * long window AND over the short window, and the long window has at least {@code minEvents}
 * requests. A W-minute window is the W minute buckets up to and including M. A firing alert
 * resolves at the first later minute where either window burns under 95% of the rate (the
 * alerting's anti-flap margin, docs/alerting.md).
 *
 * <p>Minutes are complete here; the live evaluation also sees partial minutes, so the alert's
 * {@code startsAt} (a minute start, the data time of the update that made it fire) may be M or,
 * at the earliest, the minute before when a partial minute already tips the rule.
 */
public final class BurnRateTheory {

    /** A rule: burn rate and window lengths in minutes. */
    public record Rule(double burnRate, int longMinutes, int shortMinutes) {
    }

    private BurnRateTheory() {
    }

    /** Start of the first minute at which the rule holds. */
    public static Optional<Instant> firing(List<MinuteTruth> minutes, double target, Rule rule, long minEvents) {
        for (int i = 0; i < minutes.size(); i++) {
            if (holds(minutes, i, target, rule, minEvents, 1.0)) {
                return Optional.of(minutes.get(i).start());
            }
        }
        return Optional.empty();
    }

    /** Start of the first minute after {@code firedAt} at which either window burns under 95% of the rate. */
    public static Optional<Instant> resolution(List<MinuteTruth> minutes, double target, Rule rule, Instant firedAt) {
        for (int i = 0; i < minutes.size(); i++) {
            if (minutes.get(i).start().isAfter(firedAt)
                    && (burn(minutes, i, rule.longMinutes(), target) < 0.95 * rule.burnRate()
                            || burn(minutes, i, rule.shortMinutes(), target) < 0.95 * rule.burnRate())) {
                return Optional.of(minutes.get(i).start());
            }
        }
        return Optional.empty();
    }

    static boolean holds(List<MinuteTruth> minutes, int at, double target, Rule rule, long minEvents, double factor) {
        return events(minutes, at, rule.longMinutes()) >= minEvents
                && burn(minutes, at, rule.longMinutes(), target) >= factor * rule.burnRate()
                && burn(minutes, at, rule.shortMinutes(), target) >= factor * rule.burnRate();
    }

    /** Burn rate over the {@code window} minutes ending with minute {@code at} (0 without requests). */
    public static double burn(List<MinuteTruth> minutes, int at, int window, double target) {
        long total = 0;
        long bad = 0;
        for (int i = Math.max(0, at - window + 1); i <= at; i++) {
            total += minutes.get(i).total();
            bad += minutes.get(i).availabilityErrors();
        }
        return total == 0 ? 0 : (double) bad / total / (1 - target);
    }

    static long events(List<MinuteTruth> minutes, int at, int window) {
        long total = 0;
        for (int i = Math.max(0, at - window + 1); i <= at; i++) {
            total += minutes.get(i).total();
        }
        return total;
    }
}
