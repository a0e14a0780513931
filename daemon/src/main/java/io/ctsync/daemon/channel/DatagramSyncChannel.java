package io.ctsync.daemon.channel;

import io.ctsync.config.AddressFamily;
import io.ctsync.config.ChannelSettings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Common part of the UDP unicast and multicast channels: like conntrackd, a receive socket bound
 * to the link's address and port and a separate send socket aimed at the destination.
 */
abstract class DatagramSyncChannel extends AbstractSyncChannel {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramSyncChannel.class);

    protected final ChannelSettings settings;
    protected final ChannelOptions options;
    protected final AddressFamily family;
    protected Optional<NetworkInterface> networkInterface = Optional.empty();
    protected DatagramChannel receiver;
    protected DatagramChannel sender;
    protected InetSocketAddress destination;
    private volatile int payloadLimit;

    DatagramSyncChannel(ChannelSettings settings, EventLoop loop, ChannelOptions options) {
        super(settings.name(), loop);
        this.settings = settings;
        this.options = options;
        this.family = settings.family();
        this.payloadLimit = LinkSetup.payloadLimit(
                settings.type(), family, settings.mtu() > 0 ? settings.mtu() : LinkSetup.DEFAULT_MTU);
    }

    @Override
    public Optional<String> interfaceName() {
        return settings.interfaceName();
    }

    /** Exact once open (the interface MTU is read then); an estimate before. */
    @Override
    public int payloadLimit() {
        return payloadLimit;
    }

    @Override
    public boolean isWritable() {
        DatagramChannel s = sender;
        return s != null && s.isWritable();
    }

    /** Where the receive socket binds. */
    protected abstract InetSocketAddress receiveAddress() throws Exception;

    /** Where the send socket binds (port 0). */
    protected abstract InetSocketAddress sendBindAddress() throws Exception;

    /** Where payloads go. */
    protected abstract InetSocketAddress destinationAddress() throws Exception;

    /** Options of the receive socket beyond the common ones, before bind. */
    protected void configureReceiver(DatagramChannel ch) throws Exception {}

    /** Options of the send socket beyond the common ones, before bind. */
    protected void configureSender(DatagramChannel ch) throws Exception {}

    /** Work after both sockets are bound (joining a group); completes {@code done}. */
    protected void afterBind(Promise<Void> done) {
        done.setSuccess(null);
    }

    /** Whether a datagram from {@code source} is accepted. */
    protected boolean acceptSource(InetSocketAddress source) {
        return true;
    }

    @Override
    protected void doOpen(Promise<Void> opened) throws Exception {
        networkInterface = LinkSetup.networkInterface(settings);
        payloadLimit = LinkSetup.payloadLimit(settings.type(), family, LinkSetup.mtu(settings, networkInterface));
        destination = destinationAddress();

        receiver = transport.newDatagramChannel(family);
        receiver.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(LinkSetup.MAX_RECEIVE));
        LinkSetup.applyBuffers(receiver, 0, settings.receiveBuffer(), name, LOG);
        configureReceiver(receiver);
        receiver.pipeline().addLast(new Receiver());

        sender = transport.newDatagramChannel(family);
        sender.config().setAutoRead(false);
        sender.config()
                .setWriteBufferWaterMark(
                        new WriteBufferWaterMark(options.sendBacklogBytes() / 2, options.sendBacklogBytes()));
        LinkSetup.applyBuffers(sender, settings.sendBuffer(), 0, name, LOG);
        if (!settings.checksum() && family == AddressFamily.IPV4 && !LinkSetup.disableChecksum(sender)) {
            LOG.warn("sync channel {}: checksum off needs the epoll transport (SO_NO_CHECK); checksums stay on", name);
        }
        configureSender(sender);

        InetSocketAddress receiveAt = receiveAddress();
        InetSocketAddress sendFrom = sendBindAddress();
        PromiseCombiner both = new PromiseCombiner(loop);
        both.add(registerAndBind(receiver, receiveAt));
        both.add(registerAndBind(sender, sendFrom));
        Promise<Void> bound = loop.newPromise();
        both.finish(bound);
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                failOpen(opened, f.cause());
                return;
            }
            Promise<Void> ready = loop.newPromise();
            ready.addListener(r -> {
                if (!r.isSuccess()) {
                    failOpen(opened, r.cause());
                    return;
                }
                LOG.info(
                        "sync channel {}: {} receiving on {}, sending to {} from {}, payload limit {} ({})",
                        name,
                        settings.type().name().toLowerCase(java.util.Locale.ROOT),
                        LinkSetup.format(receiver.localAddress()),
                        LinkSetup.format(destination),
                        LinkSetup.format(sender.localAddress()),
                        payloadLimit,
                        transport);
                setState(LinkState.UP);
                opened.trySuccess(null);
            });
            afterBind(ready);
        });
    }

    @Override
    protected void doSend(ByteBuf payload) {
        DatagramChannel s = sender;
        if (!s.isWritable()) {
            payload.release();
            sendFailed(ChannelCounter.SEND_BACKLOG_FULL);
            return;
        }
        int bytes = payload.readableBytes();
        s.writeAndFlush(new DatagramPacket(payload, destination)).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                counters.sent(bytes);
            } else {
                LOG.debug("sync channel {}: send failed: {}", name, f.cause().toString());
                sendFailed(ChannelCounter.SEND_FAILED);
            }
        });
    }

    @Override
    protected Future<?> doClose() {
        PromiseCombiner all = new PromiseCombiner(loop);
        if (receiver != null) {
            all.add(receiver.close());
        }
        if (sender != null) {
            all.add(sender.close());
        }
        Promise<Void> done = loop.newPromise();
        all.finish(done);
        return done;
    }

    private Future<Void> registerAndBind(DatagramChannel ch, InetSocketAddress address) {
        Promise<Void> bound = loop.newPromise();
        loop.register(ch).addListener((ChannelFutureListener) r -> {
            if (!r.isSuccess()) {
                bound.setFailure(r.cause());
                return;
            }
            ch.bind(address).addListener((ChannelFutureListener) b -> {
                if (b.isSuccess()) {
                    bound.setSuccess(null);
                } else {
                    bound.setFailure(new java.io.IOException(
                            "cannot bind " + address + ": " + b.cause().getMessage(), b.cause()));
                }
            });
        });
        return bound;
    }

    /** Sets one socket option, failing open with a clear message if the transport rejects it. */
    protected static <T> void require(DatagramChannel ch, ChannelOption<T> option, T value, String what) {
        if (!ch.config().setOption(option, value)) {
            throw new IllegalStateException("cannot set " + what + " (" + option.name() + ")");
        }
    }

    /** Reads datagrams from the receive socket into the listener. */
    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private boolean readFailureLogged;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress source = packet.sender();
            if (!acceptSource(source)) {
                counters.receiveError(ChannelCounter.RECEIVE_FOREIGN_SOURCE);
                return;
            }
            deliver(packet.content(), source);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.receiveError(ChannelCounter.RECEIVE_FAILED);
            if (!readFailureLogged) {
                readFailureLogged = true;
                LOG.warn("sync channel {}: receive error (further ones only counted): {}", name, cause.toString());
            }
        }
    }
}
