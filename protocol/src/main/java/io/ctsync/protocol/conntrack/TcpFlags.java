package io.ctsync.protocol.conntrack;

/** Per-direction TCP conntrack flags ({@code IP_CT_TCP_FLAG_*}) carried in {@code CTA_PROTOINFO_TCP_FLAGS_*}. */
public final class TcpFlags {
    private TcpFlags() {}

    public static final int WINDOW_SCALE = 0x01;
    public static final int SACK_PERM = 0x02;
    public static final int CLOSE_INIT = 0x04;
    public static final int BE_LIBERAL = 0x08;
    public static final int DATA_UNACKNOWLEDGED = 0x10;
    public static final int MAXACK_SET = 0x20;
    public static final int EXP_CHALLENGE_ACK = 0x40;
    public static final int SIMULTANEOUS_OPEN = 0x80;
}
