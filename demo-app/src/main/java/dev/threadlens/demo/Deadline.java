package dev.threadlens.demo;

import java.time.Duration;

/** A point in time a scenario (or one of its phases) runs until. */
public final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    public boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    public Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Rounded up, so that sleeping this long always reaches the deadline (no busy loop in its last millisecond). */
    public long remainingMillis() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? 0 : (left + 999_999) / 1_000_000;
    }

    /** Sleeps until the deadline (or returns at once if it has passed). */
    public void sleepUntil() throws InterruptedException {
        long millis = remainingMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** Sleeps {@code millis}, or less if the deadline comes first. */
    public void sleepAtMost(long millis) throws InterruptedException {
        long left = Math.min(millis, remainingMillis());
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
