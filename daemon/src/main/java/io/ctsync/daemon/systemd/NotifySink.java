package io.ctsync.daemon.systemd;

/**
 * Where sd_notify messages go: the real {@link SdNotify} socket, or a recorder in tests. A message is
 * one datagram of newline-separated {@code KEY=value} assignments.
 */
public interface NotifySink {
    /**
     * Sends one message; never throws.
     *
     * @return whether the message was handed to the notify socket (false when disabled or on failure)
     */
    boolean send(String message);

    /** Whether messages can reach systemd at all (a disabled sink drops every message). */
    boolean enabled();

    /** A sink that drops everything: no NOTIFY_SOCKET, or notifications switched off. */
    static NotifySink disabled() {
        return DisabledSink.INSTANCE;
    }
}

/** The shared do-nothing sink. */
enum DisabledSink implements NotifySink {
    INSTANCE;

    @Override
    public boolean send(String message) {
        return false;
    }

    @Override
    public boolean enabled() {
        return false;
    }
}
