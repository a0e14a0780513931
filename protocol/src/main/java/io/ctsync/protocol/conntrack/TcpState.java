package io.ctsync.protocol.conntrack;

/** TCP conntrack states ({@code CTA_PROTOINFO_TCP_STATE}, u8); the kernel rejects values above 9. */
public enum TcpState {
    NONE(0),
    SYN_SENT(1),
    SYN_RECV(2),
    ESTABLISHED(3),
    FIN_WAIT(4),
    CLOSE_WAIT(5),
    LAST_ACK(6),
    TIME_WAIT(7),
    CLOSE(8),
    /** Also known as LISTEN; the kernel's simultaneous-open state. */
    SYN_SENT2(9);

    private static final TcpState[] BY_VALUE = values();

    private final int value;

    TcpState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The state for a wire value, or null if out of range. */
    public static TcpState of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
