package io.ctsync.daemon.channel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ctsync.config.ChannelSettings;
import io.ctsync.config.ChannelType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Settings, event loops, listeners and waiting helpers for the socket channel tests. */
final class ChannelFixtures {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ChannelFixtures() {}

    /** The transports to test: NIO always, epoll where it is available. */
    static Stream<Transport> transports() {
        List<Transport> t = new ArrayList<>();
        if (Epoll.isAvailable()) {
            t.add(Transport.EPOLL);
        }
        t.add(Transport.NIO);
        return t.stream();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ChannelSettings udp(String name, String local, String peer, int port) {
        return link(name, ChannelType.UDP, Optional.empty(), local, peer, port, true);
    }

    static ChannelSettings tcp(String name, String local, String peer, int port) {
        return link(name, ChannelType.TCP, Optional.empty(), local, peer, port, true);
    }

    static ChannelSettings link(
            String name,
            ChannelType type,
            Optional<String> iface,
            String local,
            String peer,
            int port,
            boolean checksum) {
        return new ChannelSettings(
                name,
                type,
                false,
                iface,
                Optional.ofNullable(local).map(ChannelFixtures::ip),
                Optional.ofNullable(peer).map(ChannelFixtures::ip),
                port,
                Optional.empty(),
                Optional.empty(),
                1 << 20,
                1 << 20,
                checksum,
                0);
    }

    static ChannelSettings multicast(String name, String iface, String group, int port) {
        return new ChannelSettings(
                name,
                ChannelType.MULTICAST,
                false,
                Optional.of(iface),
                Optional.empty(),
                Optional.empty(),
                port,
                Optional.of(ip(group)),
                Optional.empty(),
                1 << 20,
                1 << 20,
                true,
                0);
    }

    static EventLoopGroup newGroup(Transport transport, String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return transport.newEventLoopGroup(tf);
    }

    static EventLoop loop(EventLoopGroup group) {
        return (EventLoop) group.next();
    }

    /** A free UDP and TCP port on 127.0.0.1 and 127.0.0.2 (best effort: free right now). */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, ip("127.0.0.1"))) {
                port = s.getLocalPort();
            }
            if (free(port, "127.0.0.1") && free(port, "127.0.0.2") && free(port, "::1")) {
                return port;
            }
        }
        throw new IOException("no free port");
    }

    private static boolean free(int port, String host) {
        try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(ip(host), port));
                ServerSocket s = new ServerSocket(port, 1, ip(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static <T> T await(Future<T> f) {
        assertTrue(f.awaitUninterruptibly(TIMEOUT.toMillis()), "timed out");
        if (!f.isSuccess()) {
            fail("failed: " + f.cause(), f.cause());
        }
        return f.getNow();
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** One received payload: its bytes, link, source and the thread that delivered it. */
    record Received(byte[] bytes, SyncChannel link, InetSocketAddress sender, String thread) {}

    /** A listener that queues everything it receives. */
    static final class Collector implements SyncChannel.Listener {
        final BlockingQueue<Received> payloads = new LinkedBlockingQueue<>();
        final BlockingQueue<LinkState> states = new LinkedBlockingQueue<>();

        @Override
        public void onPayload(ByteBuf payload, SyncChannel link, InetSocketAddress sender) {
            payloads.add(new Received(
                    ByteBufUtil.getBytes(payload),
                    link,
                    sender,
                    Thread.currentThread().getName()));
        }

        @Override
        public void onLinkStateChanged(SyncChannel link, LinkState previous, LinkState current) {
            states.add(current);
        }

        Received next() throws InterruptedException {
            Received r = payloads.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                fail("no payload within " + TIMEOUT);
            }
            return r;
        }

        /** Waits for payloads until {@code bytes} bytes arrived; returns them concatenated. */
        byte[] nextBytes(int bytes) throws InterruptedException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (out.size() < bytes) {
                out.writeBytes(next().bytes());
            }
            return out.toByteArray();
        }
    }
}
