package io.ctsync.daemon.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reconnect delays double from the minimum to the cap, and start over after a long connection. */
class BackoffTest {
    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void shouldDoubleUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        long[] expected = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (long e : expected) {
            assertEquals(ms(e), b.nextDelayNanos());
        }
    }

    @Test
    void shouldStartOverOnlyAfterAConnectionThatLastedAtLeastTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        b.nextDelayNanos();
        b.nextDelayNanos();
        b.connectionLost(ms(10)); // accepted then dropped at once: keep backing off
        assertEquals(ms(400), b.nextDelayNanos());
        b.connectionLost(ms(5000));
        assertEquals(ms(100), b.nextDelayNanos());
    }
}
