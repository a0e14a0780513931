package io.ctsync.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One sync link ({@code ctsync.channels[i]}, conntrackd {@code UDP}/{@code Multicast}/{@code TCP}
 * block).
 *
 * @param name name in status and metrics (defaults to {@code <type>-<index>})
 * @param type UDP unicast, multicast or TCP
 * @param isDefault whether this link carries traffic first; exactly one channel has it
 * @param interfaceName network interface of the link (MTU, link monitoring, IPv6 scope)
 * @param localAddress address to bind (UDP, TCP); empty = any address of the channel's family
 * @param peerAddress the peer's address (UDP, TCP)
 * @param port UDP/TCP port; for multicast the group's UDP port
 * @param multicastGroup the group (multicast)
 * @param multicastInterfaceAddress IPv4 address of the interface sending IPv4 multicast
 * @param sendBuffer socket send buffer in bytes, 0 = system default
 * @param receiveBuffer socket receive buffer in bytes, 0 = system default
 * @param checksum whether UDP checksums are computed on sent IPv4 datagrams
 * @param mtu datagram size limit; 0 = the interface's MTU
 */
public record ChannelSettings(
        String name,
        ChannelType type,
        boolean isDefault,
        Optional<String> interfaceName,
        Optional<InetAddress> localAddress,
        Optional<InetAddress> peerAddress,
        int port,
        Optional<InetAddress> multicastGroup,
        Optional<InetAddress> multicastInterfaceAddress,
        long sendBuffer,
        long receiveBuffer,
        boolean checksum,
        int mtu) {

    /** The address family of the channel, from its group or its addresses (IPv4 when none is set). */
    public AddressFamily family() {
        return multicastGroup
                .or(() -> peerAddress)
                .or(() -> localAddress)
                .map(Addresses::family)
                .orElse(AddressFamily.IPV4);
    }

    /** The name given to a channel without one: {@code udp-0}, {@code multicast-1}, … */
    public static String autoName(ChannelType type, int index) {
        return type.name().toLowerCase(java.util.Locale.ROOT) + "-" + index;
    }
}
