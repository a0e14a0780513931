package io.ctsync.protocol.sync;

/**
 * Attribute ids of conntrack state messages ({@code enum nta_attr}, compat §3.6) with the exact
 * {@code nta_len} a conntrackd receiver demands (fixed-size) or the largest it accepts
 * (variable-size). Numbers are wire values and are never reused. Byte order is big-endian unless
 * noted.
 */
public enum NtaAttr {
    /** orig src (4), orig dst (4). */
    IPV4(0, 12),
    /** orig src (16), orig dst (16). */
    IPV6(1, 36),
    /** u8 layer-4 protocol. */
    L4PROTO(2, 5),
    /** orig sport (2), orig dport (2); TCP, UDP, SCTP, DCCP. */
    PORT(3, 8),
    /** u8 TCP conntrack state. */
    TCP_STATE(4, 5),
    /** u32 {@code IPS_*} status bits. */
    STATUS(5, 8),
    /** u32 seconds left. */
    TIMEOUT(6, 8),
    /** u32 ct mark. */
    MARK(7, 8),
    /** master orig src (4), dst (4). */
    MASTER_IPV4(8, 12),
    /** master orig src (16), dst (16). */
    MASTER_IPV6(9, 36),
    /** u8 master layer-4 protocol. */
    MASTER_L4PROTO(10, 5),
    /** master sport (2), dport (2). */
    MASTER_PORT(11, 8),
    /** SNAT address (4) = reply-tuple destination. */
    SNAT_IPV4(12, 8),
    /** DNAT address (4) = reply-tuple source. */
    DNAT_IPV4(13, 8),
    /** SNAT port (2) = reply-tuple dport, in the sender's host byte order (§3.8). */
    SPAT_PORT(14, 6),
    /** DNAT port (2) = reply-tuple sport, in the sender's host byte order (§3.8). */
    DPAT_PORT(15, 6),
    /** six u32: orig correction_pos, offset_before, offset_after, then the same for reply. */
    NAT_SEQ_ADJ(16, 28),
    /** u8 SCTP state. */
    SCTP_STATE(17, 5),
    /** u32 original-direction verification tag. */
    SCTP_VTAG_ORIG(18, 8),
    /** u32 reply-direction verification tag. */
    SCTP_VTAG_REPL(19, 8),
    /** u8 DCCP state. */
    DCCP_STATE(20, 5),
    /** u8 DCCP role. */
    DCCP_ROLE(21, 5),
    /** u8 ICMP / ICMPv6 type. */
    ICMP_TYPE(22, 5),
    /** u8 ICMP / ICMPv6 code. */
    ICMP_CODE(23, 5),
    /** echo id (2), in the sender's host byte order (§3.8). */
    ICMP_ID(24, 6),
    /** u8 original-direction window scale. */
    TCP_WSCALE_ORIG(25, 5),
    /** u8 reply-direction window scale. */
    TCP_WSCALE_REPL(26, 5),
    /** NUL-terminated helper name; at most 11 characters reach a conntrackd receiver. */
    HELPER_NAME(27, 16, true),
    /** u32 words, each BE; word i bit b = label 32i+b. */
    LABELS(28, 1028, true),
    /** SNAT address (16) = reply-tuple destination. */
    SNAT_IPV6(29, 20),
    /** DNAT address (16) = reply-tuple source. */
    DNAT_IPV6(30, 20),
    /** three u32 in this order: its, isn, tsoff. */
    SYNPROXY(31, 16),
    /** u16 conntrack zone. */
    ZONE(32, 6);

    /** {@code NTA_MAX} of conntrackd 1.4.7+: ids at or above it are unknown. */
    public static final int MAX = 33;

    private static final NtaAttr[] BY_ID = values();

    private final int id;
    private final int length;
    private final boolean variable;

    NtaAttr(int id, int length) {
        this(id, length, false);
    }

    NtaAttr(int id, int length, boolean variable) {
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

    /** Payload bytes of a fixed-size attribute, or the largest payload of a variable-size one. */
    public int payloadLength() {
        return length - Tlv.HEADER_SIZE;
    }

    /** The attribute with wire id {@code id}, or null if unknown. */
    public static NtaAttr of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
