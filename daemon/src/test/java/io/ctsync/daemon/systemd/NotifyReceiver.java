package io.ctsync.daemon.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jnr.constants.platform.Errno;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Plays systemd's side of sd_notify in tests: a bound Unix datagram socket whose received messages can be
 * drained without blocking (a datagram sent to a local socket is queued before {@code sendto} returns).
 */
public final class NotifyReceiver implements AutoCloseable {
    private final UnixDatagramChannel channel;
    private final String notifySocket;

    private NotifyReceiver(UnixDatagramChannel channel, String notifySocket) {
        this.channel = channel;
        this.notifySocket = notifySocket;
    }

    /** A receiver bound to a file-system path. */
    public static NotifyReceiver bindPath(Path path) throws IOException {
        return bind(path.toString(), path.toString());
    }

    /** A receiver bound to {@code name} in the abstract namespace ({@code NOTIFY_SOCKET=@name}). */
    public static NotifyReceiver bindAbstract(String name) throws IOException {
        return bind('\0' + name, '@' + name);
    }

    private static NotifyReceiver bind(String sunPath, String notifySocket) throws IOException {
        UnixDatagramChannel ch = UnixDatagramChannel.open();
        ch.bind(new UnixSocketAddress(sunPath));
        ch.configureBlocking(false);
        return new NotifyReceiver(ch, notifySocket);
    }

    /** The {@code NOTIFY_SOCKET} value that addresses this receiver. */
    public String notifySocket() {
        return notifySocket;
    }

    /** An environment with {@code NOTIFY_SOCKET} pointing here. */
    public Map<String, String> env() {
        return Map.of(SdNotify.NOTIFY_SOCKET, notifySocket);
    }

    /** Every datagram queued so far, in arrival order, as text. */
    public List<String> drain() throws IOException {
        List<String> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            buf.clear();
            try {
                channel.receive(buf);
            } catch (IOException e) {
                // jnr reports an empty queue on a non-blocking socket as an IOException carrying EAGAIN's text
                if (Errno.EAGAIN.description().equals(e.getMessage())
                        || Errno.EWOULDBLOCK.description().equals(e.getMessage())) {
                    return out;
                }
                throw e;
            }
            buf.flip();
            out.add(StandardCharsets.UTF_8.decode(buf).toString());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
