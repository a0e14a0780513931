package io.ctsync.daemon.channel;

import io.ctsync.config.AddressFamily;
import io.ctsync.config.ChannelSettings;
import io.ctsync.config.ChannelType;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP multicast sync link (conntrackd {@code Multicast} block), IPv4 or IPv6 on a named interface:
 * the receive socket binds to the group address and port (conntrackd 1.4.9 behaviour, so unicast
 * to the port is not accepted) and joins the group on the interface; the send socket has
 * multicast loop off and the interface as outgoing interface.
 */
public final class MulticastSyncChannel extends DatagramSyncChannel {
    private static final Logger LOG = LoggerFactory.getLogger(MulticastSyncChannel.class);

    private InetAddress group;
    private NetworkInterface nif;

    public MulticastSyncChannel(ChannelSettings settings, EventLoop loop, ChannelOptions options) {
        super(settings, loop, options);
        if (settings.type() != ChannelType.MULTICAST) {
            throw new IllegalArgumentException("not a multicast channel: " + settings.type());
        }
        if (settings.multicastGroup().isEmpty() || settings.interfaceName().isEmpty()) {
            throw new IllegalArgumentException(
                    "multicast channel " + settings.name() + " needs a group and an interface");
        }
    }

    @Override
    protected InetSocketAddress receiveAddress() throws Exception {
        return new InetSocketAddress(group(), settings.port());
    }

    @Override
    protected InetSocketAddress sendBindAddress() {
        return new InetSocketAddress(LinkSetup.wildcard(family), 0);
    }

    @Override
    protected InetSocketAddress destinationAddress() throws Exception {
        return new InetSocketAddress(group(), settings.port());
    }

    @Override
    protected void configureReceiver(DatagramChannel ch) {
        require(ch, ChannelOption.SO_REUSEADDR, true, "SO_REUSEADDR");
    }

    @Override
    protected void configureSender(DatagramChannel ch) throws Exception {
        if (transport == Transport.NIO) {
            // Netty's NIO config hands IP_MULTICAST_LOOP_DISABLED to the JDK's IP_MULTICAST_LOOP
            // unchanged, i.e. inverted: set the JDK option itself
            require(ch, NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP), false, "multicast loop off");
        } else {
            require(ch, ChannelOption.IP_MULTICAST_LOOP_DISABLED, true, "multicast loop off");
        }
        if (family == AddressFamily.IPV4 && settings.multicastInterfaceAddress().isPresent()) {
            require(
                    ch,
                    ChannelOption.IP_MULTICAST_ADDR,
                    settings.multicastInterfaceAddress().get(),
                    "IPv4_interface");
        } else if (family == AddressFamily.IPV6 && LinkSetup.setIpv6MulticastInterface(ch, iface().getIndex())) {
            return;
        } else {
            require(ch, ChannelOption.IP_MULTICAST_IF, iface(), "outgoing multicast interface");
        }
    }

    @Override
    protected void afterBind(Promise<Void> done) {
        try {
            InetAddress g = group();
            NetworkInterface i = iface();
            receiver.joinGroup(g, i, null).addListener(f -> {
                if (f.isSuccess()) {
                    LOG.info("sync channel {}: joined {} on {}", name, g.getHostAddress(), i.getName());
                    done.setSuccess(null);
                } else {
                    done.setFailure(new IOException(
                            "cannot join " + g.getHostAddress() + " on " + i.getName() + ": "
                                    + f.cause().getMessage(),
                            f.cause()));
                }
            });
        } catch (Exception e) {
            done.setFailure(e);
        }
    }

    private InetAddress group() throws Exception {
        if (group == null) {
            group = LinkSetup.scoped(settings.multicastGroup().orElseThrow(), networkInterface);
        }
        return group;
    }

    private NetworkInterface iface() throws IOException {
        if (nif == null) {
            nif = networkInterface.orElseThrow(
                    () -> new IOException("multicast channel " + name + " has no interface"));
        }
        return nif;
    }
}
