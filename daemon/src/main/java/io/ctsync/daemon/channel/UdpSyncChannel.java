package io.ctsync.daemon.channel;

import io.ctsync.config.ChannelSettings;
import io.ctsync.config.ChannelType;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * UDP unicast sync link (conntrackd {@code UDP} block), IPv4 or IPv6: receives on the local
 * address and port, sends to the peer on the same port. Unlike conntrackd the send socket is bound
 * to the local address (when one is configured), so the peer sees a predictable source.
 */
public final class UdpSyncChannel extends DatagramSyncChannel {
    private InetAddress peer;

    public UdpSyncChannel(ChannelSettings settings, EventLoop loop, ChannelOptions options) {
        super(settings, loop, options);
        if (settings.type() != ChannelType.UDP) {
            throw new IllegalArgumentException("not a UDP channel: " + settings.type());
        }
        if (settings.peerAddress().isEmpty()) {
            throw new IllegalArgumentException("UDP channel " + settings.name() + " has no peer address");
        }
    }

    @Override
    protected InetSocketAddress receiveAddress() throws Exception {
        return new InetSocketAddress(localAddress(), settings.port());
    }

    @Override
    protected InetSocketAddress sendBindAddress() throws Exception {
        return new InetSocketAddress(localAddress(), 0);
    }

    @Override
    protected InetSocketAddress destinationAddress() throws Exception {
        peer = LinkSetup.scoped(settings.peerAddress().orElseThrow(), networkInterface);
        return new InetSocketAddress(peer, settings.port());
    }

    @Override
    protected boolean acceptSource(InetSocketAddress source) {
        return !options.udpSourceCheck() || LinkSetup.sameHost(source.getAddress(), peer);
    }

    private InetAddress localAddress() throws Exception {
        return settings.localAddress().isPresent()
                ? LinkSetup.scoped(settings.localAddress().get(), networkInterface)
                : LinkSetup.wildcard(family);
    }
}
