package dev.vigil.e2e.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline (never a long sleep). */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} every {@code 500 ms} until it holds; fails naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, () -> condition.getAsBoolean() ? null : "not yet");
    }

    /**
     * Polls {@code check} (null = done, else why not) until it answers null; after {@code timeout}
     * fails with the last reason.
     */
    public static void until(String what, Duration timeout, Supplier<String> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "never checked";
        while (System.nanoTime() < deadline) {
            try {
                last = check.get();
            } catch (RuntimeException e) {
                last = e.toString();
            }
            if (last == null) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError(what + ": not done within " + timeout + "; last: " + last);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
