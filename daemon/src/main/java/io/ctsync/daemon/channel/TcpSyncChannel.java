package io.ctsync.daemon.channel;

import io.ctsync.config.AddressFamily;
import io.ctsync.config.ChannelSettings;
import io.ctsync.config.ChannelType;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP sync link (conntrackd {@code TCP} block): each node listens on its local address and
 * connects to the peer's; it sends only on its outgoing connection and receives only on the
 * accepted one, whose stream is cut back into whole messages. Unlike conntrackd it connects
 * eagerly with capped exponential backoff, and accepts only the configured peer (source check).
 * The last accepted connection wins.
 */
public final class TcpSyncChannel extends AbstractSyncChannel {
    private static final Logger LOG = LoggerFactory.getLogger(TcpSyncChannel.class);

    private final ChannelSettings settings;
    private final ChannelOptions options;
    private final AddressFamily family;
    private final Backoff backoff;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private volatile int payloadLimit;
    private InetSocketAddress listenAddress;
    private InetSocketAddress peerAddress;
    private InetSocketAddress clientBindAddress;
    private ServerSocketChannel server;
    private Channel inbound;
    private Channel outbound;
    private long outboundSinceNanos;
    private ScheduledFuture<?> reconnectTask;
    private boolean closing;
    private boolean connectFailureLogged;
    private boolean foreignSourceLogged;
    private boolean badLengthLogged;
    private volatile boolean clientConnected;
    private volatile boolean serverConnected;

    public TcpSyncChannel(ChannelSettings settings, EventLoop loop, ChannelOptions options) {
        super(settings.name(), loop);
        if (settings.type() != ChannelType.TCP) {
            throw new IllegalArgumentException("not a TCP channel: " + settings.type());
        }
        if (settings.peerAddress().isEmpty()) {
            throw new IllegalArgumentException("TCP channel " + settings.name() + " has no peer address");
        }
        this.settings = settings;
        this.options = options;
        this.family = settings.family();
        this.backoff = new Backoff(options.reconnectMin(), options.reconnectMax());
        this.payloadLimit = LinkSetup.payloadLimit(
                ChannelType.TCP, family, settings.mtu() > 0 ? settings.mtu() : LinkSetup.DEFAULT_MTU);
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
        Channel out = outbound;
        return out != null && out.isWritable();
    }

    /** Whether a connection from the peer is established. */
    public boolean isServerConnected() {
        return serverConnected;
    }

    /** Whether the outgoing connection to the peer is established. */
    public boolean isClientConnected() {
        return clientConnected;
    }

    /** conntrackd's {@code -s} wording. */
    @Override
    public String statusDetail() {
        return "server=" + (serverConnected ? "connected" : "disconnected") + " client="
                + (clientConnected ? "connected" : "disconnected");
    }

    /** The bound listening address (after open). */
    public InetSocketAddress listenAddress() {
        ServerSocketChannel s = server;
        return s == null ? listenAddress : s.localAddress();
    }

    @Override
    protected void doOpen(Promise<Void> opened) throws Exception {
        Optional<NetworkInterface> nif = LinkSetup.networkInterface(settings);
        payloadLimit = LinkSetup.payloadLimit(ChannelType.TCP, family, LinkSetup.mtu(settings, nif));
        InetAddress peer = LinkSetup.scoped(settings.peerAddress().orElseThrow(), nif);
        peerAddress = new InetSocketAddress(peer, settings.port());
        Optional<InetAddress> local = settings.localAddress().filter(a -> !a.isAnyLocalAddress());
        InetAddress listenHost = local.isPresent() ? LinkSetup.scoped(local.get(), nif) : LinkSetup.wildcard(family);
        listenAddress = new InetSocketAddress(listenHost, settings.port());
        clientBindAddress = local.isPresent() ? new InetSocketAddress(listenHost, 0) : null;

        ServerBootstrap sb = new ServerBootstrap()
                .group(loop, loop)
                .channelFactory((ChannelFactory<ServerSocketChannel>) () -> {
                    ServerSocketChannel s = transport.newServerSocketChannel(family);
                    LinkSetup.applyBuffers(s, 0, settings.receiveBuffer(), name, LOG);
                    return s;
                })
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 4)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted(ch);
                    }
                });
        sb.bind(listenAddress).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                failOpen(
                        opened,
                        new IOException(
                                "cannot listen on " + listenAddress + ": "
                                        + f.cause().getMessage(),
                                f.cause()));
                return;
            }
            server = (ServerSocketChannel) f.channel();
            LOG.info(
                    "sync channel {}: tcp listening on {}, connecting to {}, payload limit {} ({})",
                    name,
                    LinkSetup.format(server.localAddress()),
                    LinkSetup.format(peerAddress),
                    payloadLimit,
                    transport);
            setState(LinkState.DOWN);
            opened.trySuccess(null);
            connect();
        });
    }

    @Override
    protected void doSend(ByteBuf payload) {
        Channel out = outbound;
        if (out == null || !out.isActive()) {
            enqueue(payload);
            return;
        }
        if (!out.isWritable()) {
            payload.release();
            sendFailed(ChannelCounter.SEND_BACKLOG_FULL);
            return;
        }
        write(out, payload, true);
    }

    @Override
    protected Future<?> doClose() {
        closing = true;
        if (reconnectTask != null) {
            reconnectTask.cancel(false);
            reconnectTask = null;
        }
        ByteBuf b;
        while ((b = queue.poll()) != null) {
            b.release();
        }
        PromiseCombiner all = new PromiseCombiner(loop);
        for (Channel ch : new Channel[] {outbound, inbound, server}) {
            if (ch != null) {
                all.add(ch.close());
            }
        }
        Promise<Void> done = loop.newPromise();
        all.finish(done);
        return done;
    }

    private void write(Channel out, ByteBuf payload, boolean flush) {
        int bytes = payload.readableBytes();
        ChannelFutureListener counted = f -> {
            if (f.isSuccess()) {
                counters.sent(bytes);
            } else {
                sendFailed(ChannelCounter.SEND_FAILED);
            }
        };
        if (flush) {
            out.writeAndFlush(payload).addListener(counted);
        } else {
            out.write(payload).addListener(counted);
        }
    }

    private void enqueue(ByteBuf payload) {
        if (options.tcpQueueLength() == 0) {
            payload.release();
            sendFailed(ChannelCounter.SEND_QUEUE_OVERFLOW);
            return;
        }
        if (queue.size() >= options.tcpQueueLength()) {
            queue.poll().release();
            sendFailed(ChannelCounter.SEND_QUEUE_OVERFLOW);
        }
        queue.add(payload);
        counters.increment(ChannelCounter.QUEUED_WHILE_DOWN);
    }

    private void connect() {
        reconnectTask = null;
        if (closing) {
            return;
        }
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channelFactory((ChannelFactory<SocketChannel>) () -> {
                    SocketChannel c = transport.newSocketChannel(family);
                    LinkSetup.applyBuffers(c, settings.sendBuffer(), 0, name, LOG);
                    return c;
                })
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.sendBacklogBytes() / 2, options.sendBacklogBytes()))
                .handler(new OutgoingHandler());
        ChannelFuture f =
                clientBindAddress == null ? b.connect(peerAddress) : b.connect(peerAddress, clientBindAddress);
        f.addListener((ChannelFutureListener) this::connectDone);
    }

    private void connectDone(ChannelFuture f) {
        Channel ch = f.channel();
        if (closing) {
            ch.close();
            return;
        }
        if (!f.isSuccess()) {
            counters.increment(ChannelCounter.CONNECT_FAILURES);
            if (!connectFailureLogged) {
                connectFailureLogged = true;
                LOG.warn(
                        "sync channel {}: cannot connect to {} ({}); retrying with backoff up to {}",
                        name,
                        LinkSetup.format(peerAddress),
                        f.cause().getMessage(),
                        options.reconnectMax());
            } else {
                LOG.debug(
                        "sync channel {}: connect to {} failed: {}",
                        name,
                        peerAddress,
                        f.cause().getMessage());
            }
            scheduleReconnect();
            return;
        }
        outbound = ch;
        outboundSinceNanos = System.nanoTime();
        connectFailureLogged = false;
        clientConnected = true;
        counters.increment(ChannelCounter.CONNECTS);
        LOG.info(
                "sync channel {}: connected to {} from {}",
                name,
                LinkSetup.format(peerAddress),
                LinkSetup.format(ch.localAddress()));
        ch.closeFuture().addListener(c -> outboundClosed(ch));
        setState(LinkState.UP);
        if (!queue.isEmpty()) {
            ByteBuf b;
            while ((b = queue.poll()) != null) {
                write(ch, b, false);
            }
            ch.flush();
        }
    }

    private void outboundClosed(Channel ch) {
        if (outbound != ch) {
            return;
        }
        outbound = null;
        clientConnected = false;
        if (closing) {
            return;
        }
        counters.increment(ChannelCounter.DISCONNECTS);
        backoff.connectionLost(System.nanoTime() - outboundSinceNanos);
        LOG.warn("sync channel {}: connection to {} lost", name, LinkSetup.format(peerAddress));
        setState(LinkState.DOWN);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closing || reconnectTask != null) {
            return;
        }
        reconnectTask = loop.schedule(this::connect, backoff.nextDelayNanos(), TimeUnit.NANOSECONDS);
    }

    private void accepted(SocketChannel ch) {
        InetSocketAddress remote = ch.remoteAddress();
        if (closing) {
            ch.close();
            return;
        }
        if (options.tcpSourceCheck() && !LinkSetup.sameHost(remote.getAddress(), peerAddress.getAddress())) {
            counters.receiveError(ChannelCounter.RECEIVE_FOREIGN_SOURCE);
            if (!foreignSourceLogged) {
                foreignSourceLogged = true;
                LOG.warn(
                        "sync channel {}: refused a connection from {}, not the peer {} (further ones only counted)",
                        name,
                        LinkSetup.format(remote),
                        peerAddress.getAddress().getHostAddress());
            }
            reset(ch);
            return;
        }
        counters.increment(ChannelCounter.ACCEPTS);
        Channel previous = inbound;
        inbound = ch;
        serverConnected = true;
        if (previous != null) {
            LOG.info(
                    "sync channel {}: connection from {} replaces the one from {}",
                    name,
                    remote,
                    previous.remoteAddress());
            previous.close();
        } else {
            LOG.info("sync channel {}: accepted connection from {}", name, LinkSetup.format(remote));
        }
        ch.pipeline().addLast(new IncomingHandler(remote, ch.alloc()));
        ch.closeFuture().addListener(c -> {
            if (inbound == ch) {
                inbound = null;
                serverConnected = false;
                if (!closing) {
                    LOG.info("sync channel {}: connection from {} closed", name, LinkSetup.format(remote));
                }
            }
        });
    }

    /** Closes with an RST (linger 0), so the peer sees the stream as broken. */
    private static void reset(Channel ch) {
        try {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException e) {
            // closing anyway
        }
        ch.close();
    }

    /** Splits the accepted connection's stream into message runs for the listener. */
    private final class IncomingHandler extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress remote;
        private final SyncStreamSplitter splitter;
        private boolean broken;

        IncomingHandler(InetSocketAddress remote, ByteBufAllocator allocator) {
            this.remote = remote;
            this.splitter = new SyncStreamSplitter(allocator);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (broken || !(msg instanceof ByteBuf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            SyncStreamSplitter.Result r = splitter.feed((ByteBuf) msg, payload -> deliver(payload, remote));
            if (r == SyncStreamSplitter.Result.BAD_LENGTH) {
                broken = true;
                counters.receiveError(ChannelCounter.RECEIVE_BAD_LENGTH);
                if (!badLengthLogged) {
                    badLengthLogged = true;
                    LOG.warn(
                            "sync channel {}: message length below the header from {}; connection reset"
                                    + " (further ones only counted)",
                            name,
                            LinkSetup.format(remote));
                }
                reset(ctx.channel());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            splitter.release();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.receiveError(ChannelCounter.RECEIVE_FAILED);
            LOG.debug("sync channel {}: connection from {}: {}", name, remote, cause.toString());
            ctx.close();
        }
    }

    /** The outgoing connection carries nothing back; anything read is discarded and counted. */
    private final class OutgoingHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            counters.receiveError(ChannelCounter.RECEIVE_ON_OUTGOING);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("sync channel {}: connection to {}: {}", name, peerAddress, cause.toString());
            ctx.close();
        }
    }
}
