package dev.vigil.generator.model;

import java.util.random.RandomGenerator;

/**
 * Request latency in milliseconds: a lognormal body ({@code medianMs}, {@code sigma}) mixed with a
 * slower lognormal tail (probability {@code tailProbability}, median times {@code tailFactor}) and
 * rare extreme outliers ({@code extremeProbability}, median times {@code extremeFactor}), the shape
 * real services show: a tight mode, a long right tail and a few very slow requests.
 */
public record LatencyModel(double medianMs, double sigma, double tailProbability, double tailFactor,
        double extremeProbability, double extremeFactor) {

    public LatencyModel {
        if (medianMs <= 0 || sigma < 0 || tailProbability < 0 || extremeProbability < 0
                || tailProbability + extremeProbability >= 1) {
            throw new IllegalArgumentException("invalid latency model");
        }
    }

    /** A typical web service around {@code medianMs}. */
    public static LatencyModel typical(double medianMs) {
        return new LatencyModel(medianMs, 0.45, 0.04, 5, 0.002, 25);
    }

    public double sample(RandomGenerator rng) {
        double u = rng.nextDouble();
        double median = medianMs;
        double s = sigma;
        if (u < extremeProbability) {
            median *= extremeFactor;
            s = 0.5;
        } else if (u < extremeProbability + tailProbability) {
            median *= tailFactor;
            s = 0.6;
        }
        return median * Math.exp(s * rng.nextGaussian());
    }
}
