package io.ctsync.daemon.systemd;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog ({@code WATCHDOG=1}) at half the {@code WATCHDOG_USEC} interval, but only from
 * {@link #tick(long)} calls made by the engine loop's periodic timer: a stuck engine stops ticking, the
 * pings stop, and systemd restarts the service.
 *
 * <p>Not thread-safe: call {@code tick} from the engine thread only.
 */
public final class Watchdog {
    /** Environment variable with the watchdog timeout in microseconds. */
    public static final String WATCHDOG_USEC = "WATCHDOG_USEC";

    /** Environment variable with the pid the watchdog is meant for; absent means "the main process". */
    public static final String WATCHDOG_PID = "WATCHDOG_PID";

    static final String PING = "WATCHDOG=1";

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final NotifySink sink;
    private final long timeoutNanos;
    private final long pingIntervalNanos;
    private boolean attempted;
    private long nextDueNanos;
    private long pings;

    private Watchdog(NotifySink sink, long timeoutNanos) {
        this.sink = sink;
        this.timeoutNanos = timeoutNanos;
        this.pingIntervalNanos = timeoutNanos / 2;
    }

    /**
     * The watchdog systemd asked for in {@code env}: enabled when {@code WATCHDOG_USEC} is a positive
     * number, {@code WATCHDOG_PID} is absent or equal to {@code ownPid}, and {@code sink} is enabled.
     *
     * @param ownPid this process's id ({@code ProcessHandle.current().pid()} in production)
     */
    public static Watchdog fromEnvironment(NotifySink sink, Map<String, String> env, long ownPid) {
        String usec = env.get(WATCHDOG_USEC);
        if (usec == null || usec.isEmpty()) {
            return disabled();
        }
        long micros = parse(usec);
        if (micros <= 0) {
            LOG.warn("{}={} is not a positive number of microseconds; watchdog off", WATCHDOG_USEC, usec);
            return disabled();
        }
        String pid = env.get(WATCHDOG_PID);
        if (pid != null && !pid.isEmpty()) {
            long wanted = parse(pid);
            if (wanted != ownPid) {
                LOG.info("{}={} is not this process ({}); watchdog off", WATCHDOG_PID, pid, ownPid);
                return disabled();
            }
        }
        if (!sink.enabled()) {
            LOG.info("{} is set but systemd notifications are off; watchdog off", WATCHDOG_USEC);
            return disabled();
        }
        long nanos = micros > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : TimeUnit.MICROSECONDS.toNanos(micros);
        Watchdog w = new Watchdog(sink, nanos);
        LOG.info(
                "systemd watchdog: timeout {} ms, pinging every {} ms from the engine loop",
                TimeUnit.NANOSECONDS.toMillis(nanos),
                TimeUnit.NANOSECONDS.toMillis(w.pingIntervalNanos));
        return w;
    }

    /** A watchdog that never pings. */
    public static Watchdog disabled() {
        return new Watchdog(NotifySink.disabled(), 0);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public boolean enabled() {
        return timeoutNanos > 0;
    }

    /** systemd's timeout ({@code WATCHDOG_USEC}) in nanoseconds; 0 when disabled. */
    public long timeoutNanos() {
        return timeoutNanos;
    }

    /**
     * Time between pings: half the timeout; 0 when disabled. A ping goes out on the first tick at or after
     * it is due, so the engine's timer period adds to the gap: keep the period well below this (the
     * one-second sync timer is, for the usual {@code WatchdogSec=} of several seconds).
     */
    public long pingIntervalNanos() {
        return pingIntervalNanos;
    }

    /**
     * Called by the engine loop's periodic timer: proof that the loop runs. Sends {@code WATCHDOG=1} when
     * the last ping is at least half the timeout old (the first tick pings at once); otherwise does nothing.
     * A ping the socket refused is retried an eighth of the timeout later, not on every tick.
     *
     * @param nowNanos monotonic time ({@code System.nanoTime()} in production)
     * @return whether a ping was sent
     */
    public boolean tick(long nowNanos) {
        if (timeoutNanos == 0 || (attempted && nowNanos - nextDueNanos < 0)) {
            return false;
        }
        attempted = true;
        if (sink.send(PING)) {
            pings++;
            nextDueNanos = nowNanos + pingIntervalNanos;
            return true;
        }
        nextDueNanos = nowNanos + pingIntervalNanos / 4;
        return false;
    }

    /** Pings sent so far. */
    public long pings() {
        return pings;
    }
}
