package dev.vigil.normalizer.normalize;

import java.time.Duration;
import java.util.Set;

/**
 * Normalization limits: records over {@code maxRecordBytes} are OVERSIZED; at most
 * {@code maxEndpointsPerService} distinct endpoints per service (then {@code {other}}); timestamps
 * more than {@code maxFuture} ahead are FUTURE_TIMESTAMP, more than {@code maxAge} old TOO_OLD;
 * {@code availabilityErrorStatuses} are 4xx codes counted as availability errors (e.g. 429);
 * duplicates of (service, request id) within {@code dedupWindow} are dropped.
 */
public record NormalizeSettings(int maxRecordBytes, int maxEndpointsPerService, Duration maxFuture, Duration maxAge,
        Set<Integer> availabilityErrorStatuses, Duration dedupWindow) {

    public static final int ONE_MIB = 1024 * 1024;

    public NormalizeSettings {
        availabilityErrorStatuses = Set.copyOf(availabilityErrorStatuses);
        if (maxRecordBytes <= 0 || maxEndpointsPerService <= 0 || maxFuture.isNegative() || maxAge.isNegative() || maxAge.isZero()
                || dedupWindow.isNegative() || dedupWindow.isZero()) {
            throw new IllegalArgumentException("normalize limits must be positive: " + this);
        }
    }

    public static NormalizeSettings defaults() {
        return new NormalizeSettings(ONE_MIB, 200, Duration.ofMinutes(5), Duration.ofHours(24), Set.of(), Duration.ofMinutes(10));
    }
}
