package dev.vigil.alerting.burn;

/** Good and total events over some time; sums are event-weighted, never averages of ratios. */
public record Counts(long good, long total) {

    public static final Counts ZERO = new Counts(0, 0);

    public long bad() {
        return Math.max(0, total - good);
    }

    public Counts plus(Counts o) {
        return new Counts(good + o.good, total + o.total);
    }

    public Counts minus(Counts o) {
        return new Counts(good - o.good, total - o.total);
    }

    public boolean isZero() {
        return good == 0 && total == 0;
    }

    /** Bad / total; 0 when there were no events (never NaN). */
    public double errorRatio() {
        return total <= 0 ? 0 : (double) bad() / total;
    }

    /** Good / total, or null when there were no events. */
    public Double ratio() {
        return total <= 0 ? null : (double) Math.min(good, total) / total;
    }

    /** How many times faster than sustainable the budget burns: error ratio / (1 - target); 0 without events. */
    public double burnRate(double errorBudget) {
        return errorRatio() / errorBudget;
    }
}
