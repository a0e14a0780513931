package io.ctsync.protocol.sync;

/**
 * Attribute ids of expectation state messages ({@code enum nta_exp_attr}, compat §3.7) with the
 * exact {@code nta_len} a conntrackd receiver demands (fixed-size) or the largest it accepts
 * (variable-size). Numbers are wire values and are never reused. Everything is big-endian.
 */
public enum NtaExpAttr {
    /** master orig src (4), dst (4). */
    MASTER_IPV4(0, 12),
    /** master orig src (16), dst (16). */
    MASTER_IPV6(1, 36),
    /** u8 master layer-4 protocol. */
    MASTER_L4PROTO(2, 5),
    /** master sport (2), dport (2). */
    MASTER_PORT(3, 8),
    /** expected tuple src (4), dst (4). */
    EXPECT_IPV4(4, 12),
    /** expected tuple src (16), dst (16). */
    EXPECT_IPV6(5, 36),
    /** u8 expected layer-4 protocol. */
    EXPECT_L4PROTO(6, 5),
    /** expected sport (2), dport (2). */
    EXPECT_PORT(7, 8),
    /** mask src (4), dst (4). */
    MASK_IPV4(8, 12),
    /** mask src (16), dst (16). */
    MASK_IPV6(9, 36),
    /** u8 mask layer-4 protocol. */
    MASK_L4PROTO(10, 5),
    /** sport mask (2), dport mask (2). */
    MASK_PORT(11, 8),
    /** u32 seconds left. */
    TIMEOUT(12, 8),
    /** u32 {@code NF_CT_EXPECT_*} flags. */
    FLAGS(13, 8),
    /** u32 helper-specific class. */
    CLASS(14, 8),
    /** NAT tuple src (4), dst (4); IPv4 only. */
    NAT_IPV4(15, 12),
    /** NAT tuple sport (2), dport (2). */
    NAT_PORT(16, 8),
    /** u8 NAT tuple layer-4 protocol. */
    NAT_L4PROTO(17, 5),
    /** u32 NAT direction: 0 original, 1 reply. */
    NAT_DIR(18, 8),
    /** NUL-terminated helper name. */
    HELPER_NAME(19, 16, true),
    /** NUL-terminated expectation function name. */
    FN(20, 32, true);

    /** {@code NTA_EXP_MAX}: ids at or above it are unknown. */
    public static final int MAX = 21;

    private static final NtaExpAttr[] BY_ID = values();

    private final int id;
    private final int length;
    private final boolean variable;

    NtaExpAttr(int id, int length) {
        this(id, length, false);
    }

    NtaExpAttr(int id, int length, boolean variable) {
        this.id = id;
        this.length = length;
        this.variable = variable;
    }

    public int id() {
        return id;
    }

    /** The exact {@code nta_len} (fixed-size) or the largest accepted one (variable-size). */
    public int length() {
        return length;
    }

    public boolean isVariable() {
        return variable;
    }

    public int payloadLength() {
        return length - Tlv.HEADER_SIZE;
    }

    /** The attribute with wire id {@code id}, or null if unknown. */
    public static NtaExpAttr of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
