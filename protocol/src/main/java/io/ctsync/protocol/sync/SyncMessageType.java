package io.ctsync.protocol.sync;

/**
 * Message types of the low header nibble (compat §3.3): conntrack and expectation state messages
 * (0–5) and the control type (10). Types 6–9 and 11–15 are invalid.
 */
public enum SyncMessageType {
    CT_NEW(0),
    CT_UPD(1),
    CT_DEL(2),
    EXP_NEW(3),
    EXP_UPD(4),
    EXP_DEL(5),
    CTL(10);

    /** {@code NET_T_STATE_MAX}: the highest data message type. */
    public static final int STATE_MAX = 5;

    private static final SyncMessageType[] BY_VALUE = new SyncMessageType[16];

    static {
        for (SyncMessageType t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;

    SyncMessageType(int value) {
        this.value = value;
    }

    /** The 4-bit wire value. */
    public int value() {
        return value;
    }

    /** The type for a wire value (0–15), or null for invalid ones. */
    public static SyncMessageType of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }

    public boolean isConntrack() {
        return value <= CT_DEL.value;
    }

    public boolean isExpectation() {
        return value >= EXP_NEW.value && value <= EXP_DEL.value;
    }

    public boolean isData() {
        return value <= STATE_MAX;
    }

    /** NEW, UPD or DEL: 0, 1 or 2 within the conntrack or expectation group. */
    public int action() {
        return isData() ? value % 3 : -1;
    }
}
