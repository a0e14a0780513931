package io.ctsync.protocol.conntrack;

/** SCTP conntrack states ({@code CTA_PROTOINFO_SCTP_STATE}, u8). */
public enum SctpState {
    NONE(0),
    CLOSED(1),
    COOKIE_WAIT(2),
    COOKIE_ECHOED(3),
    ESTABLISHED(4),
    SHUTDOWN_SENT(5),
    SHUTDOWN_RECD(6),
    SHUTDOWN_ACK_SENT(7),
    HEARTBEAT_SENT(8),
    /** No longer used by current kernels; kept for old peers. */
    HEARTBEAT_ACKED(9);

    private static final SctpState[] BY_VALUE = values();

    private final int value;

    SctpState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static SctpState of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
