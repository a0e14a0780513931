package io.ctsync.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;

/**
 * Which local conntrack entries are replicated ({@code ctsync.filter}, conntrackd
 * {@code General { Filter }}). An entry is replicated only if it passes every criterion; entries
 * received from the peer are never filtered.
 *
 * <p>Address criteria test the original source and the reply source (the real endpoints, also
 * under NAT): an accept list passes an entry when either matches, an ignore list drops it when
 * either matches. The same semantics apply when the filter runs in the kernel.
 *
 * @param location user space, or kernel (BPF) where the criteria allow
 * @param protocols layer-4 protocol numbers
 * @param addresses networks tested against the original and reply source
 * @param ignoreLoopback also ignore 127.0.0.0/8 and ::1
 * @param ignoreSyncAddresses also ignore the channels' own local, peer and group addresses
 * @param tcpStates TCP states (non-TCP entries are not affected)
 * @param marks conntrack mark value/mask pairs
 * @param zones conntrack zones (0..65535)
 * @param labels conntrack label bit numbers (0..127): accept = carries any, ignore = carries any
 * @param minAge an entry is replicated only once it has existed this long
 */
public record FilterSettings(
        FilterLocation location,
        Selection<Integer> protocols,
        Selection<Cidr> addresses,
        boolean ignoreLoopback,
        boolean ignoreSyncAddresses,
        Selection<TcpState> tcpStates,
        Selection<MarkMatch> marks,
        Selection<Integer> zones,
        Selection<Integer> labels,
        Duration minAge) {

    /** Loopback networks ignored when {@link #ignoreLoopback} is set. */
    public static final List<Cidr> LOOPBACK =
            List.of(Cidr.parse("127.0.0.0/8").orElseThrow(), Cidr.parse("::1").orElseThrow());

    /** Whether an entry of this layer-4 protocol passes. */
    public boolean admitsProtocol(int protocol) {
        return protocols.admits(protocol);
    }

    /** Whether a TCP entry in this state passes (call only for TCP entries). */
    public boolean admitsTcpState(TcpState state) {
        return tcpStates.admits(state);
    }

    /** Whether an entry with this 32-bit mark passes. */
    public boolean admitsMark(long mark) {
        return marks.admits(m -> m.matches(mark));
    }

    /** Whether an entry in this zone passes. */
    public boolean admitsZone(int zone) {
        return zones.admits(zone);
    }

    /** Whether an entry carrying these label bits passes. */
    public boolean admitsLabels(BitSet entryLabels) {
        return labels.admits(bit -> entryLabels.get(bit));
    }

    /**
     * Whether an entry with these original and reply sources passes the address criteria, with
     * {@code implicitIgnores} (see {@link Settings#implicitAddressIgnores()}) added to the ignore
     * list.
     */
    public boolean admitsAddresses(InetAddress originalSource, InetAddress replySource, List<Cidr> implicitIgnores) {
        if (implicitIgnores.stream().anyMatch(c -> c.contains(originalSource) || c.contains(replySource))) {
            return false;
        }
        return addresses.admits(c -> c.contains(originalSource) || c.contains(replySource));
    }

    /** Whether an entry of this age passes the minimum-age criterion. */
    public boolean admitsAge(Duration age) {
        return age.compareTo(minAge) >= 0;
    }
}
