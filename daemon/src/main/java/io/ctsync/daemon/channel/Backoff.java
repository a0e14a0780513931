package io.ctsync.daemon.channel;

import java.time.Duration;

/**
 * Exponential reconnect delay: starts at a minimum, doubles after each failure up to a cap, and
 * starts over once a connection has stayed up at least as long as the cap.
 */
final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.nextNanos = minNanos;
    }

    /** The delay before the next attempt; each call doubles the following one, up to the cap. */
    long nextDelayNanos() {
        long delay = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return delay;
    }

    /** A connection that was up for {@code upNanos} was lost: start over if it lasted long enough. */
    void connectionLost(long upNanos) {
        if (upNanos >= maxNanos) {
            nextNanos = minNanos;
        }
    }

    void reset() {
        nextNanos = minNanos;
    }
}
