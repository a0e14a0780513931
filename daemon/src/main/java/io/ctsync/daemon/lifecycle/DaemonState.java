package io.ctsync.daemon.lifecycle;

/**
 * The states of the {@code ctsyncd} process, and which moves between them are allowed; {@link Lifecycle}
 * enforces them.
 *
 * <pre>
 *   STARTING ─────────► READY ◄─────────► RELOADING
 *      │                  │                   │
 *      │                  ▼                   │
 *      └─────────────► STOPPING ◄─────────────┘
 *                         │
 *                         ▼
 *                      STOPPED
 *
 *   STARTING, READY, RELOADING, STOPPING ───► FAILED
 *   STOPPED and FAILED are terminal; no state moves to itself or back to STARTING.
 * </pre>
 */
public enum DaemonState {
    /** Settings loaded; sockets, caches and the initial kernel dump are being set up. The initial state. */
    STARTING,
    /** Netlink subscribed, channels bound, control socket listening, initial dump cached: replicating. */
    READY,
    /** Re-applying settings or re-opening resources while still replicating; returns to READY. */
    RELOADING,
    /** Shutdown requested: closing channels and sockets. */
    STOPPING,
    /** Shut down cleanly; the process exits 0. */
    STOPPED,
    /** Gave up on an error; the process exits non-zero (systemd restarts it with Restart=on-failure). */
    FAILED;

    /** Whether the diagram above has an arrow from this state to {@code to}. */
    public boolean canMoveTo(DaemonState to) {
        return switch (this) {
            case STARTING -> to == READY || to == STOPPING || to == FAILED;
            case READY -> to == RELOADING || to == STOPPING || to == FAILED;
            case RELOADING -> to == READY || to == STOPPING || to == FAILED;
            case STOPPING -> to == STOPPED || to == FAILED;
            case STOPPED, FAILED -> false;
        };
    }

    /** Whether no state can follow this one. */
    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
