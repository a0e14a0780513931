package io.ctsync.protocol.conntrack;

/** DCCP conntrack states ({@code CTA_PROTOINFO_DCCP_STATE}, u8). */
public enum DccpState {
    NONE(0),
    REQUEST(1),
    RESPOND(2),
    PARTOPEN(3),
    OPEN(4),
    CLOSEREQ(5),
    CLOSING(6),
    TIMEWAIT(7),
    IGNORE(8),
    INVALID(9);

    private static final DccpState[] BY_VALUE = values();

    private final int value;

    DccpState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static DccpState of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
