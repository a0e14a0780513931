package io.ctsync.daemon.lifecycle;

import io.ctsync.daemon.systemd.NotifySink;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the daemon's {@link DaemonState} and moves it along the allowed transitions; each move is logged
 * once, told to the listeners and reported to systemd, and this class is the only place that reports
 * lifecycle to systemd.
 *
 * <p>What systemd receives, one datagram per move:
 *
 * <ul>
 *   <li>entering READY: {@code READY=1}, {@code MAINPID=<pid>}, {@code STATUS=<text>} (also after a reload);
 *   <li>entering RELOADING: {@code RELOADING=1}, {@code MONOTONIC_USEC=<now>}, {@code STATUS=<text>};
 *   <li>entering STOPPING: {@code STOPPING=1}, {@code STATUS=<text>};
 *   <li>entering STOPPED: {@code STATUS=<text>};
 *   <li>entering FAILED: {@code STATUS=<text>} and, when known, {@code ERRNO=<errno>};
 *   <li>{@link #status(String)} (role changes, start-up progress): {@code STATUS=<text>}.
 * </ul>
 *
 * <p>Thread-safe: moves are serialized, so listeners and systemd see them in order.
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final NotifySink notify;
    private final long pid;
    private final LongSupplier monotonicNanos;
    private final List<LifecycleListener> listeners = new CopyOnWriteArrayList<>();
    private DaemonState state = DaemonState.STARTING;
    private long enteredAtNanos;
    private boolean inTransition;

    /**
     * @param notify where systemd messages go ({@link NotifySink#disabled()} when not under systemd)
     * @param pid the pid sent as {@code MAINPID}
     * @param monotonicNanos the clock for transition times and {@code MONOTONIC_USEC}; must be
     *     CLOCK_MONOTONIC in production, which {@code System::nanoTime} is on Linux
     */
    public Lifecycle(NotifySink notify, long pid, LongSupplier monotonicNanos) {
        this.notify = notify;
        this.pid = pid;
        this.monotonicNanos = monotonicNanos;
        this.enteredAtNanos = monotonicNanos.getAsLong();
    }

    /** A lifecycle for this process, on {@code System.nanoTime()}. */
    public static Lifecycle forThisProcess(NotifySink notify) {
        return new Lifecycle(notify, ProcessHandle.current().pid(), System::nanoTime);
    }

    public synchronized DaemonState state() {
        return state;
    }

    /** Monotonic time at which the current state was entered (construction time for STARTING). */
    public synchronized long enteredAtNanos() {
        return enteredAtNanos;
    }

    public void addListener(LifecycleListener listener) {
        listeners.add(listener);
    }

    public void removeListener(LifecycleListener listener) {
        listeners.remove(listener);
    }

    /**
     * Moves to {@code to}, which the diagram in {@link DaemonState} must allow from the current state.
     *
     * @param statusText one line for operators ({@code systemctl status} shows it); line breaks become spaces
     * @throws IllegalStateException if the move is not allowed, or if called from a listener: both are
     *     programming errors
     */
    public synchronized void transition(DaemonState to, String statusText) {
        if (!state.canMoveTo(to)) {
            throw new IllegalStateException("illegal lifecycle transition " + state + " -> " + to);
        }
        enter(to, statusText, 0);
    }

    /**
     * Moves to {@code to} if the current state allows it, otherwise does nothing: for requests that may race
     * with another move, such as a shutdown signal arriving after a failure.
     *
     * @return whether the move happened
     */
    public synchronized boolean tryTransition(DaemonState to, String statusText) {
        if (!state.canMoveTo(to)) {
            LOG.debug("lifecycle: ignoring {} -> {} ({})", state, to, statusText);
            return false;
        }
        enter(to, statusText, 0);
        return true;
    }

    /**
     * Moves to FAILED, telling systemd why. Failures can be reported by several threads at once, so a
     * failure after the daemon already stopped or failed is only logged.
     *
     * @param errno the errno that explains the failure (systemd {@code ERRNO=}), or 0 when there is none
     * @return whether the move happened
     */
    public synchronized boolean fail(String statusText, int errno) {
        if (!state.canMoveTo(DaemonState.FAILED)) {
            LOG.warn("lifecycle: further failure while {}: {}", state, statusText);
            return false;
        }
        enter(DaemonState.FAILED, statusText, errno);
        return true;
    }

    /**
     * Updates the status line systemd shows without changing state: role changes, start-up progress. Not
     * logged here; the caller logs what changed.
     */
    public synchronized void status(String statusText) {
        notify.send(statusLine(statusText));
    }

    /** The transition method: the only code that sends lifecycle notifications to systemd. */
    private void enter(DaemonState to, String statusText, int errno) {
        if (inTransition) {
            throw new IllegalStateException("lifecycle transition to " + to + " requested from a listener");
        }
        Objects.requireNonNull(statusText, "statusText");
        DaemonState from = state;
        long now = monotonicNanos.getAsLong();
        String message = message(to, statusText, errno, now);
        state = to;
        enteredAtNanos = now;
        if (to == DaemonState.FAILED) {
            LOG.error("lifecycle {} -> {}: {}{}", from, to, statusText, errno > 0 ? " (errno " + errno + ")" : "");
        } else {
            LOG.info("lifecycle {} -> {}: {}", from, to, statusText);
        }
        notify.send(message);
        Transition t = new Transition(from, to, statusText, now);
        inTransition = true;
        try {
            for (LifecycleListener l : listeners) {
                try {
                    l.onTransition(t);
                } catch (RuntimeException e) {
                    LOG.error("lifecycle listener {} failed on {} -> {}", l, from, to, e);
                }
            }
        } finally {
            inTransition = false;
        }
    }

    private String message(DaemonState to, String statusText, int errno, long nowNanos) {
        StringBuilder m = new StringBuilder();
        switch (to) {
            case READY -> m.append("READY=1\nMAINPID=").append(pid).append('\n');
            case RELOADING ->
                m.append("RELOADING=1\nMONOTONIC_USEC=")
                        .append(TimeUnit.NANOSECONDS.toMicros(nowNanos))
                        .append('\n');
            case STOPPING -> m.append("STOPPING=1\n");
            default -> {}
        }
        m.append(statusLine(statusText));
        if (to == DaemonState.FAILED && errno > 0) {
            m.append("\nERRNO=").append(errno);
        }
        return m.toString();
    }

    /** {@code STATUS=} with the text on one line: a newline would start a new assignment. */
    static String statusLine(String statusText) {
        return "STATUS=" + statusText.replaceAll("[\\r\\n\\x00]+", " ").strip();
    }
}
