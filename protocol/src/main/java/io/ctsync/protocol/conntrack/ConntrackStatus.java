package io.ctsync.protocol.conntrack;

/**
 * The {@code IPS_*} status bits of a conntrack entry ({@code CTA_STATUS}, be32) and the rules for
 * what user space may send (ctnetlink.md §7).
 */
public final class ConntrackStatus {
    private ConntrackStatus() {}

    public static final int EXPECTED = 0x1;
    public static final int SEEN_REPLY = 0x2;
    public static final int ASSURED = 0x4;
    public static final int CONFIRMED = 0x8;
    public static final int SRC_NAT = 0x10;
    public static final int DST_NAT = 0x20;
    public static final int SEQ_ADJUST = 0x40;
    public static final int SRC_NAT_DONE = 0x80;
    public static final int DST_NAT_DONE = 0x100;
    public static final int DYING = 0x200;
    public static final int FIXED_TIMEOUT = 0x400;
    public static final int TEMPLATE = 0x800;
    public static final int UNTRACKED = 0x1000;
    public static final int HELPER = 0x2000;
    public static final int OFFLOAD = 0x4000;
    public static final int HW_OFFLOAD = 0x8000;

    public static final int NAT_MASK = SRC_NAT | DST_NAT;
    public static final int NAT_DONE_MASK = SRC_NAT_DONE | DST_NAT_DONE;
    public static final int UNCHANGEABLE_MASK = 0xdbf9;

    private static final String[] NAMES = {
        "EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED", "SRC_NAT", "DST_NAT", "SEQ_ADJUST", "SRC_NAT_DONE",
        "DST_NAT_DONE", "DYING", "FIXED_TIMEOUT", "TEMPLATE", "UNTRACKED", "HELPER", "OFFLOAD", "HW_OFFLOAD"
    };

    /**
     * The status to send when creating an entry from a replicated one: CONFIRMED added (the kernel
     * rejects a create without it), EXPECTED and DYING removed (rejected), the bits the kernel
     * derives itself (NAT, NAT done, SEQ_ADJUST, HELPER) and kernel-only bits removed.
     */
    public static int forCreate(int status) {
        return (status | CONFIRMED) & (SEEN_REPLY | ASSURED | CONFIRMED | FIXED_TIMEOUT);
    }

    /** "SEEN_REPLY|ASSURED|CONFIRMED", or "0"; unknown bits as hex. */
    public static String toString(int status) {
        if (status == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        int rest = status;
        for (int i = 0; i < NAMES.length; i++) {
            if ((status & (1 << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(NAMES[i]);
                rest &= ~(1 << i);
            }
        }
        if (rest != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Integer.toHexString(rest));
        }
        return sb.toString();
    }
}
