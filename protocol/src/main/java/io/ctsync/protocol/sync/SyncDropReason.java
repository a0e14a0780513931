package io.ctsync.protocol.sync;

/**
 * Why the sync codec dropped a received message (or the rest of a payload), or left something out
 * of a sent one. One named counter each; {@link #conntrackdStat()} names the line of conntrackd's
 * {@code -s network} output the reason adds to.
 */
public enum SyncDropReason {
    /**
     * Fewer than 8 bytes left where a header should start, or fewer than 16 for an ACK, NACK or
     * RESYNC; the rest of the datagram is dropped.
     */
    TRUNCATED("Truncated message"),
    /** {@code len} 0, beyond the bytes left, or below its header size; the rest is dropped. */
    BAD_MESSAGE_SIZE("Bad message size"),
    /** Version nibble other than 1; the message is skipped. */
    WRONG_VERSION("Wrong protocol version"),
    /**
     * Flags that do not fit the type: a data message with a control flag, or a control message
     * with none of ACK, NACK, RESYNC, ALIVE.
     */
    MALFORMED_HEADER("Malformed header"),
    /** Type 6–9 or 11–15. */
    UNKNOWN_TYPE("Bad message type"),
    /** An attribute length below 4 or beyond the message (conntrackd's rule 2 of §3.5). */
    MALFORMED_PAYLOAD("Malformed payload"),
    /** An attribute id the receiver does not know; conntrackd rejects the whole message. */
    UNKNOWN_ATTRIBUTE("Malformed payload"),
    /** A fixed-size attribute with another length, or a variable-size one over its maximum. */
    BAD_ATTRIBUTE_SIZE("Malformed payload"),
    /**
     * A value outside its domain: unknown TCP/SCTP/DCCP state, empty or non-ASCII helper name,
     * label bits beyond 127, a NAT address of the other family.
     */
    BAD_ATTRIBUTE_VALUE("Malformed payload"),
    /** No address or no layer-4 protocol attribute: the entry has no original tuple. */
    MISSING_ATTRIBUTE("Malformed payload"),
    /**
     * Not a drop: an unknown attribute skipped because the peer's options ask for it (compat §12
     * row 10); the message was kept.
     */
    UNKNOWN_ATTRIBUTE_SKIPPED(null),
    /**
     * Sending: a helper name longer than the peer accepts (11 characters for conntrackd) was left
     * out of the message, which was sent without it.
     */
    HELPER_NAME_TOO_LONG(null),
    /**
     * Sending: an expectation's IPv6 NAT tuple, which the protocol cannot carry, was left out of the
     * message.
     */
    EXPECTATION_NAT_IPV6_OMITTED(null);

    private final String conntrackdStat;

    SyncDropReason(String conntrackdStat) {
        this.conntrackdStat = conntrackdStat;
    }

    /**
     * The {@code -s network} "recv:" line this reason counts under (besides "Malformed
     * messages"), or null if conntrackd has no such counter.
     */
    public String conntrackdStat() {
        return conntrackdStat;
    }

    /** True if the whole received message (or the rest of the payload) was dropped. */
    public boolean isReceiveDrop() {
        return conntrackdStat != null;
    }
}
