package io.ctsync.protocol.sync;

/**
 * The header flags byte (compat §3.3) and conntrackd's receiver classification of a header by type
 * and flags. HELLO and HELLO_BACK may ride on any message; the other bits select the control kind.
 */
public final class SyncFlags {
    private SyncFlags() {}

    /** {@code NET_F_UNUSED}: never set. */
    public static final int UNUSED = 0x01;
    /** CTL: send me your whole table; 16-byte header with from = to = 0. */
    public static final int RESYNC = 0x02;
    /** CTL: retransmit [from, to]. */
    public static final int NACK = 0x04;
    /** CTL: [from, to] received. */
    public static final int ACK = 0x08;
    /** CTL: keep-alive, 8-byte header. */
    public static final int ALIVE = 0x10;
    /** Set by an FTFW node that has just started, on any message. */
    public static final int HELLO = 0x20;
    /** Answer to a HELLO, on any message. */
    public static final int HELLO_BACK = 0x40;

    /** The flags a data message may carry. */
    public static final int HELLO_MASK = HELLO | HELLO_BACK;

    /** Control types whose header is {@link SyncHeader#ACK_SIZE} bytes. */
    public static final int RANGE_MASK = ACK | NACK | RESYNC;

    /** Data: a state type (0–5) with no flag other than HELLO / HELLO_BACK. */
    public static boolean isData(int type, int flags) {
        return type <= SyncMessageType.STATE_MAX && (flags & ~HELLO_MASK) == 0;
    }

    public static boolean isAck(int type, int flags) {
        return type == SyncMessageType.CTL.value() && (flags & ACK) != 0;
    }

    public static boolean isNack(int type, int flags) {
        return type == SyncMessageType.CTL.value() && (flags & NACK) != 0;
    }

    public static boolean isResync(int type, int flags) {
        return type == SyncMessageType.CTL.value() && (flags & RESYNC) != 0;
    }

    public static boolean isAlive(int type, int flags) {
        return type == SyncMessageType.CTL.value() && (flags & ALIVE) != 0;
    }

    /** ACK, NACK or RESYNC: a control message with the 16-byte header. */
    public static boolean hasRange(int type, int flags) {
        return type == SyncMessageType.CTL.value() && (flags & RANGE_MASK) != 0;
    }

    public static boolean isHello(int flags) {
        return (flags & HELLO) != 0;
    }

    public static boolean isHelloBack(int flags) {
        return (flags & HELLO_BACK) != 0;
    }

    /** "ACK|HELLO", "0" for none; unknown bits in hex. For logs and test failures. */
    public static String toString(int flags) {
        if (flags == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        String[] names = {"UNUSED", "RESYNC", "NACK", "ACK", "ALIVE", "HELLO", "HELLO_BACK", "0x80"};
        for (int i = 0; i < 8; i++) {
            if ((flags & (1 << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(names[i]);
            }
        }
        return sb.toString();
    }
}
