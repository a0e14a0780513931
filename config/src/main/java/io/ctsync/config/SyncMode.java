package io.ctsync.config;

/** Replication policy: FTFW (reliable: sequence numbers, ACK/NACK, resend queue), NOTRACK (best effort) or ALARM (periodic refresh of every entry). */
public enum SyncMode {
    FTFW,
    NOTRACK,
    ALARM
}
