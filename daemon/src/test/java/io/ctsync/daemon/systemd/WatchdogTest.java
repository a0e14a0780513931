package io.ctsync.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog's cadence on a fake clock, and when it must stay silent. */
class WatchdogTest {
    private static final long PID = 4242;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Map<String, String> TEN_SECONDS = Map.of(Watchdog.WATCHDOG_USEC, "10000000");

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();

    /** Ticks every {@code period} from {@code start} up to and including {@code end}; returns ping times. */
    private static List<Long> run(Watchdog w, long start, long end, long period) {
        List<Long> pings = new ArrayList<>();
        for (long t = start; t - end <= 0; t += period) {
            if (w.tick(t)) {
                pings.add(t - start);
            }
        }
        return pings;
    }

    @Test
    void shouldPingAtHalfTheIntervalWhenTheEngineTicksEverySecond() {
        Watchdog w = Watchdog.fromEnvironment(sink, TEN_SECONDS, PID);

        assertTrue(w.enabled());
        assertEquals(10 * SECOND, w.timeoutNanos());
        assertEquals(5 * SECOND, w.pingIntervalNanos());
        List<Long> pings = run(w, 1_000 * SECOND, 1_030 * SECOND, SECOND);

        assertEquals(List.of(0L, 5 * SECOND, 10 * SECOND, 15 * SECOND, 20 * SECOND, 25 * SECOND, 30 * SECOND), pings);
        assertEquals(7, sink.messages().size());
        assertTrue(sink.messages().stream().allMatch("WATCHDOG=1"::equals));
        assertEquals(7, w.pings());
    }

    @Test
    void shouldPingAtMostOncePerHalfIntervalHoweverOftenTheEngineTicks() {
        Watchdog w = Watchdog.fromEnvironment(sink, TEN_SECONDS, PID);

        List<Long> pings = run(w, 0, 12 * SECOND, TimeUnit.MILLISECONDS.toNanos(1));

        assertEquals(List.of(0L, 5 * SECOND, 10 * SECOND), pings);
    }

    @Test
    void shouldSendNothingWhenTickIsNotCalled() {
        Watchdog.fromEnvironment(sink, TEN_SECONDS, PID);

        assertEquals(List.of(), sink.messages());
    }

    @Test
    void shouldStopPingingWhileTheEngineIsStuckAndResumeWhenItTicksAgain() {
        Watchdog w = Watchdog.fromEnvironment(sink, TEN_SECONDS, PID);

        assertTrue(w.tick(0));
        // the engine loop hangs for a minute: no ticks, so systemd sees no ping and restarts the service
        assertEquals(1, sink.messages().size());
        assertTrue(w.tick(60 * SECOND));
        assertFalse(w.tick(61 * SECOND));
        assertEquals(2, sink.messages().size());
    }

    @Test
    void shouldKeepItsCadenceAcrossNanoTimeWrapAround() {
        Watchdog w = Watchdog.fromEnvironment(sink, TEN_SECONDS, PID);

        List<Long> pings = run(w, Long.MAX_VALUE - 7 * SECOND, Long.MAX_VALUE + 8 * SECOND, SECOND);

        assertEquals(List.of(0L, 5 * SECOND, 10 * SECOND, 15 * SECOND), pings);
    }

    @Test
    void shouldRetryAFailedPingAfterAnEighthOfTheTimeoutNotOnEveryTick() {
        Watchdog w = Watchdog.fromEnvironment(sink, TEN_SECONDS, PID);
        sink.refuse(true);

        assertFalse(w.tick(0));
        assertFalse(w.tick(SECOND));
        sink.refuse(false);
        assertFalse(w.tick(SECOND)); // 1.25 s not yet reached: no attempt
        assertTrue(w.tick(SECOND + SECOND / 4));
        assertEquals(1, sink.messages().size());
    }

    @Test
    void shouldBeDisabledWhenWatchdogPidIsAnotherProcess() {
        Map<String, String> env = new HashMap<>(TEN_SECONDS);
        env.put(Watchdog.WATCHDOG_PID, Long.toString(PID + 1));
        Watchdog w = Watchdog.fromEnvironment(sink, env, PID);

        assertFalse(w.enabled());
        assertEquals(List.of(), run(w, 0, 30 * SECOND, SECOND));
        assertEquals(List.of(), sink.messages());
    }

    @Test
    void shouldBeEnabledWhenWatchdogPidIsThisProcess() {
        Map<String, String> env = new HashMap<>(TEN_SECONDS);
        env.put(Watchdog.WATCHDOG_PID, Long.toString(PID));

        assertTrue(Watchdog.fromEnvironment(sink, env, PID).enabled());
    }

    @Test
    void shouldBeDisabledWithoutAPositiveWatchdogUsec() {
        assertFalse(Watchdog.fromEnvironment(sink, Map.of(), PID).enabled());
        assertFalse(Watchdog.fromEnvironment(sink, Map.of(Watchdog.WATCHDOG_USEC, "0"), PID)
                .enabled());
        assertFalse(Watchdog.fromEnvironment(sink, Map.of(Watchdog.WATCHDOG_USEC, "ten"), PID)
                .enabled());
        assertFalse(Watchdog.fromEnvironment(sink, Map.of(Watchdog.WATCHDOG_USEC, "-5"), PID)
                .enabled());
        assertFalse(Watchdog.disabled().tick(0));
        assertEquals(List.of(), sink.messages());
    }

    @Test
    void shouldBeDisabledWhenNotificationsAreOff() {
        Watchdog w = Watchdog.fromEnvironment(NotifySink.disabled(), TEN_SECONDS, PID);

        assertFalse(w.enabled());
        assertFalse(w.tick(0));
    }

    @Test
    void shouldSendWatchdogDatagramsThroughTheNotifySocket() throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bindPath(dir.resolve("notify"))) {
            Map<String, String> env = new HashMap<>(systemd.env());
            env.put(Watchdog.WATCHDOG_USEC, "2000000");
            env.put(Watchdog.WATCHDOG_PID, Long.toString(PID));
            try (SdNotify notify = SdNotify.open(true, env)) {
                Watchdog w = Watchdog.fromEnvironment(notify, env, PID);

                run(w, 0, 3 * SECOND, SECOND / 2);

                assertEquals(List.of("WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"), systemd.drain());
            }
        }
    }
}
