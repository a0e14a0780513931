package io.ctsync.daemon.lifecycle;

/**
 * One move of the daemon's {@link Lifecycle}, as handed to listeners.
 *
 * @param from the state left
 * @param to the state entered
 * @param statusText the human-readable status sent with it (systemd {@code STATUS=})
 * @param atNanos monotonic time of the move, from the lifecycle's clock
 */
public record Transition(DaemonState from, DaemonState to, String statusText, long atNanos) {}
