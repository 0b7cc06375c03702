package dev.vigil.generator.model;

/**
 * How a service's request rate varies with time: a diurnal sine (plus or minus 25% over 24 hours) and
 * a faster wobble (plus or minus 12% over 11 minutes), each with the service's own phase. Noise on
 * top comes from drawing each tick's count from a Poisson distribution.
 */
public final class TrafficShape {

    private static final double DAY = 86_400_000d;
    private static final double WOBBLE = 660_000d;

    private TrafficShape() {
    }

    public static double multiplier(long epochMillis, double phase) {
        return 1 + 0.25 * Math.sin(2 * Math.PI * epochMillis / DAY + phase)
                + 0.12 * Math.sin(2 * Math.PI * epochMillis / WOBBLE + 2 * phase);
    }
}
