package io.ctsync.daemon.systemd;

/** Named counters of the sd_notify sender, one per outcome, for metrics and {@code ctsyncctl stats}. */
public enum SdNotifyCounter {
    /** Datagrams handed to the notify socket. */
    MESSAGES_SENT,
    /** Datagrams the kernel refused (no listener, socket gone, queue full, ...). */
    SEND_FAILED,
    /** Failures to open the sending socket; the message was dropped. */
    OPEN_FAILED
}
