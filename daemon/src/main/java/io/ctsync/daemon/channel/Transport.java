package io.ctsync.daemon.channel;

import io.ctsync.config.AddressFamily;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty I/O transport of the sync channels: native epoll when it is available, NIO otherwise.
 * The channels take it from the event loop they are given, so a loop made by
 * {@link #newEventLoopGroup} decides for all of them.
 */
public enum Transport {
    EPOLL,
    NIO;

    /** System property forcing a transport ({@code epoll} or {@code nio}), for tests. */
    public static final String PROPERTY = "ctsync.transport";

    /** Epoll if available (and not overridden by {@value #PROPERTY}), else NIO. */
    public static Transport preferred() {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("nio")) {
            return NIO;
        }
        if (forced.equals("epoll")) {
            Epoll.ensureAvailability();
            return EPOLL;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** The transport an event loop was made for. */
    public static Transport of(EventLoop loop) {
        if (loop instanceof IoEventLoop) {
            IoEventLoop io = (IoEventLoop) loop;
            if (io.isIoType(EpollIoHandler.class)) {
                return EPOLL;
            }
            if (io.isIoType(NioIoHandler.class)) {
                return NIO;
            }
        }
        throw new IllegalArgumentException(
                "not an epoll or NIO event loop: " + loop.getClass().getName());
    }

    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** A group of one event loop thread (the engine's home) for this transport. */
    public EventLoopGroup newEventLoopGroup(ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(1, threadFactory, ioHandlerFactory());
    }

    /** Creates an unregistered UDP socket of {@code family} (the socket exists from now on). */
    public DatagramChannel newDatagramChannel(AddressFamily family) {
        return this == EPOLL ? new EpollDatagramChannel(netty(family)) : new NioDatagramChannel(netty(family));
    }

    /** Creates an unregistered TCP socket of {@code family}. */
    public SocketChannel newSocketChannel(AddressFamily family) {
        return this == EPOLL
                ? new EpollSocketChannel(netty(family))
                : new NioSocketChannel(java.nio.channels.spi.SelectorProvider.provider(), netty(family));
    }

    /** Creates an unregistered TCP listening socket of {@code family}. */
    public ServerSocketChannel newServerSocketChannel(AddressFamily family) {
        return this == EPOLL
                ? new EpollServerSocketChannel(netty(family))
                : new NioServerSocketChannel(java.nio.channels.spi.SelectorProvider.provider(), netty(family));
    }

    private static SocketProtocolFamily netty(AddressFamily family) {
        return family == AddressFamily.IPV6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    }
}
