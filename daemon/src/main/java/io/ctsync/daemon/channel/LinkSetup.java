package io.ctsync.daemon.channel;

import io.ctsync.config.AddressFamily;
import io.ctsync.config.ChannelSettings;
import io.ctsync.config.ChannelType;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelConfig;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Helpers shared by the socket channels: interface and MTU lookup, IPv6 scopes, and the socket
 * options that only native epoll can set ({@code SO_SNDBUFFORCE}, {@code SO_RCVBUFFORCE},
 * {@code SO_NO_CHECK}).
 */
final class LinkSetup {
    /** MTU assumed for a link without an interface or a configured MTU. */
    static final int DEFAULT_MTU = 1500;
    /** conntrackd's receive buffer size: the largest payload a peer can send. */
    static final int MAX_RECEIVE = 65536;

    private static final int SOL_SOCKET = 1;
    private static final IntegerUnixChannelOption SO_SNDBUFFORCE =
            new IntegerUnixChannelOption("SO_SNDBUFFORCE", SOL_SOCKET, 32);
    private static final IntegerUnixChannelOption SO_RCVBUFFORCE =
            new IntegerUnixChannelOption("SO_RCVBUFFORCE", SOL_SOCKET, 33);
    private static final IntegerUnixChannelOption IPV6_MULTICAST_IF =
            new IntegerUnixChannelOption("IPV6_MULTICAST_IF", 41, 17);
    private static final IntegerUnixChannelOption SO_NO_CHECK =
            new IntegerUnixChannelOption("SO_NO_CHECK", SOL_SOCKET, 11);

    private LinkSetup() {}

    /** The named interface, or empty when the settings name none. */
    static Optional<NetworkInterface> networkInterface(ChannelSettings settings) throws IOException {
        if (settings.interfaceName().isEmpty()) {
            return Optional.empty();
        }
        String name = settings.interfaceName().get();
        NetworkInterface nif = NetworkInterface.getByName(name);
        if (nif == null) {
            throw new IOException("channel " + settings.name() + ": interface " + name + " does not exist");
        }
        return Optional.of(nif);
    }

    /** The configured MTU, else the interface's, else {@value #DEFAULT_MTU}. */
    static int mtu(ChannelSettings settings, Optional<NetworkInterface> nif) throws SocketException {
        if (settings.mtu() > 0) {
            return settings.mtu();
        }
        if (nif.isPresent()) {
            int mtu = nif.get().getMTU();
            if (mtu > 0) {
                return mtu;
            }
        }
        return DEFAULT_MTU;
    }

    /**
     * conntrackd's packing buffer size: MTU minus the IP and transport headers (28 for UDP and 40 for
     * TCP over IPv4 as conntrackd; 48 and 60 over IPv6, where conntrackd's IPv4 sizes can overflow
     * the MTU), at most the largest UDP payload.
     */
    static int payloadLimit(ChannelType type, AddressFamily family, int mtu) {
        int ip = family == AddressFamily.IPV6 ? 40 : 20;
        int transport = type == ChannelType.TCP ? 20 : 8;
        // a UDP datagram cannot exceed 65535 bytes (IPv4: with its IP header), whatever the MTU
        int max = type == ChannelType.TCP ? 65535 : family == AddressFamily.IPV6 ? 65535 - 8 : 65535 - 28;
        return Math.min(mtu - ip - transport, max);
    }

    /** {@code address}, with the interface as scope if it is an IPv6 link-local one without scope. */
    static InetAddress scoped(InetAddress address, Optional<NetworkInterface> nif) throws UnknownHostException {
        if (address instanceof Inet6Address && nif.isPresent()) {
            Inet6Address a6 = (Inet6Address) address;
            boolean needsScope = a6.isLinkLocalAddress() || a6.isMCLinkLocal() || a6.isMCNodeLocal();
            if (needsScope && a6.getScopeId() == 0 && a6.getScopedInterface() == null) {
                // by index: the NetworkInterface variant derives the scope from the interface's IPv6
                // addresses, which the JDK reads from /proc/self/net, i.e. the process's namespace
                return Inet6Address.getByAddress(
                        null, a6.getAddress(), nif.get().getIndex());
            }
        }
        return address;
    }

    /** The wildcard address of a family. */
    static InetAddress wildcard(AddressFamily family) {
        try {
            return family == AddressFamily.IPV6
                    ? InetAddress.getByAddress(new byte[16])
                    : InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether two addresses are the same host address (IPv6 scope ignored). */
    static boolean sameHost(InetAddress a, InetAddress b) {
        return a != null && b != null && Arrays.equals(a.getAddress(), b.getAddress());
    }

    /** {@code 10.0.0.1:3780} or {@code [fe80::1%eth0]:3780}, without host names, for logs. */
    static String format(java.net.SocketAddress address) {
        if (!(address instanceof java.net.InetSocketAddress)) {
            return String.valueOf(address);
        }
        java.net.InetSocketAddress a = (java.net.InetSocketAddress) address;
        if (a.getAddress() == null) {
            return a.getHostString() + ":" + a.getPort();
        }
        String host = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static AddressFamily familyOf(InetAddress address) {
        return address instanceof Inet4Address ? AddressFamily.IPV4 : AddressFamily.IPV6;
    }

    /**
     * Sets the socket buffers: forced ({@code SO_*BUFFORCE}, past the sysctl limits, as conntrackd)
     * with epoll when permitted, else plain {@code SO_SNDBUF}/{@code SO_RCVBUF}; 0 leaves the system
     * default.
     */
    static void applyBuffers(Channel ch, long sendBuffer, long receiveBuffer, String name, Logger log) {
        if (sendBuffer > 0) {
            setBuffer(ch, SO_SNDBUFFORCE, ChannelOption.SO_SNDBUF, clamp(sendBuffer), name, log);
        }
        if (receiveBuffer > 0) {
            setBuffer(ch, SO_RCVBUFFORCE, ChannelOption.SO_RCVBUF, clamp(receiveBuffer), name, log);
        }
    }

    /**
     * Turns UDP checksums of sent IPv4 datagrams off ({@code SO_NO_CHECK}); epoll only: with NIO the
     * option is not reachable and checksums stay on. Returns whether it took effect.
     */
    static boolean disableChecksum(Channel ch) {
        if (!(ch.config() instanceof EpollChannelConfig)) {
            return false;
        }
        try {
            return ch.config().setOption(SO_NO_CHECK, 1);
        } catch (ChannelException e) {
            return false;
        }
    }

    /**
     * Sets the outgoing interface of IPv6 multicast by index ({@code IPV6_MULTICAST_IF}) with epoll;
     * Netty's own option needs an IPv6 address listed for the interface. Returns false with NIO.
     */
    static boolean setIpv6MulticastInterface(Channel ch, int ifindex) {
        if (!(ch.config() instanceof EpollChannelConfig)) {
            return false;
        }
        return ch.config().setOption(IPV6_MULTICAST_IF, ifindex);
    }

    private static void setBuffer(
            Channel ch,
            IntegerUnixChannelOption forced,
            ChannelOption<Integer> plain,
            int size,
            String name,
            Logger log) {
        if (ch.config() instanceof EpollChannelConfig) {
            try {
                if (ch.config().setOption(forced, size)) {
                    return;
                }
            } catch (ChannelException e) {
                log.debug("channel {}: {} refused ({}), using the capped option", name, forced.name(), e.toString());
            }
        }
        ch.config().setOption(plain, size);
    }

    private static int clamp(long size) {
        return (int) Math.min(size, Integer.MAX_VALUE / 2);
    }
}
