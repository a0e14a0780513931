package io.ctsync.protocol.conntrack;

/**
 * Recovers the NAT a replicated entry went through, so that it can be re-created the way the
 * kernel accepts (ctnetlink.md §8.2): reply = inverse(original) plus {@code CTA_NAT_SRC} / {@code
 * CTA_NAT_DST} single mappings read from the NATed reply tuple.
 *
 * @param source SNAT mapping, or null
 * @param destination DNAT mapping, or null
 */
public record NatRanges(NatRange source, NatRange destination) {
    public static final NatRanges NONE = new NatRanges(null, null);

    public boolean isEmpty() {
        return source == null && destination == null;
    }

    /**
     * SNAT address = reply.dst when {@code SRC_NAT_DONE} and it differs from orig.src; SNAT port =
     * reply.dport when {@code SRC_NAT_DONE} and it differs from orig.sport (for ICMP: the reply's
     * id). DNAT likewise from reply.src / reply.sport under {@code DST_NAT_DONE}. Entries without
     * reply tuple or status derive nothing.
     */
    public static NatRanges derive(ConntrackEntry e) {
        Tuple orig = e.original();
        Tuple reply = e.reply();
        if (reply == null || !e.hasStatus()) {
            return NONE;
        }
        int status = e.status();
        boolean ports = IpProtocol.hasPorts(orig.protocol());
        boolean icmp = IpProtocol.isIcmp(orig.protocol());
        NatRange snat = null;
        if ((status & ConntrackStatus.SRC_NAT_DONE) != 0) {
            IpAddress addr = reply.dst().equals(orig.src()) ? null : reply.dst();
            int port = NatRange.ABSENT;
            if (ports && reply.dstPort() != orig.srcPort()) {
                port = reply.dstPort();
            } else if (icmp && reply.icmpId() != orig.icmpId()) {
                port = reply.icmpId();
            }
            snat = single(addr, port);
        }
        NatRange dnat = null;
        if ((status & ConntrackStatus.DST_NAT_DONE) != 0) {
            IpAddress addr = reply.src().equals(orig.dst()) ? null : reply.src();
            int port = ports && reply.srcPort() != orig.dstPort() ? reply.srcPort() : NatRange.ABSENT;
            dnat = single(addr, port);
        }
        return snat == null && dnat == null ? NONE : new NatRanges(snat, dnat);
    }

    private static NatRange single(IpAddress addr, int port) {
        if (addr == null && port == NatRange.ABSENT) {
            return null;
        }
        return new NatRange(addr, addr, port, port);
    }

    /**
     * The entry to send in a create request for a replicated entry: reply rebuilt as the inverse of
     * the original (keeping the reply's direction zone), NAT ranges from {@link #derive}, status
     * made acceptable ({@link ConntrackStatus#forCreate}). Other fields are kept; the encoder
     * leaves out read-only ones.
     */
    public static ConntrackEntry toCreateRequest(ConntrackEntry e) {
        NatRanges nat = derive(e);
        ConntrackEntry.Builder b = e.toBuilder();
        Tuple inverse = e.original().invert();
        int replyZone = e.reply() != null ? e.reply().zone() : Tuple.NO_ZONE;
        b.reply(inverse.zone() == replyZone ? inverse : inverse.withZone(replyZone));
        if (e.hasStatus()) {
            b.status(ConntrackStatus.forCreate(e.status()));
        }
        b.natSource(nat.source()).natDestination(nat.destination());
        return b.build();
    }
}
