package io.ctsync.daemon.systemd;

import io.ctsync.config.NodeSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sd_notify messages to systemd over a Unix datagram socket (jnr-unixsocket), addressed by
 * {@code NOTIFY_SOCKET}; a no-op when that variable is unset or {@code node.systemd-notify} is off, and it
 * never throws into the caller.
 *
 * <p>{@code NOTIFY_SOCKET} is either a file-system path ({@code /run/systemd/notify}) or, when it starts
 * with {@code @}, a name in Linux's abstract namespace; both are supported (jnr-unixsocket passes a leading
 * NUL of the path through to {@code sun_path}). Other forms systemd knows ({@code vsock:...}) and names
 * with non-ASCII characters (jnr-unixsocket sizes the address by UTF-16 units, not bytes) are refused with
 * a warning at start-up, which disables notifications.
 *
 * <p>The socket is opened on the first message and kept; it is non-blocking, so a full systemd queue
 * drops the message (counted) instead of stalling the engine thread that pings the watchdog.
 */
public final class SdNotify implements NotifySink, AutoCloseable {
    /** Environment variable naming systemd's notify socket. */
    public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";

    /** {@code sizeof(sun_path)} on Linux. */
    static final int SUN_PATH_MAX = 108;

    private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);
    private static final SdNotifyCounter[] COUNTERS = SdNotifyCounter.values();

    private final String target;
    private final UnixSocketAddress address;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS.length);
    private UnixDatagramChannel channel;
    private boolean failureLogged;
    private boolean closed;

    private SdNotify(String target, UnixSocketAddress address) {
        this.target = target;
        this.address = address;
    }

    /**
     * The sender for this node: enabled only when {@code node.systemd-notify} is on and {@code
     * NOTIFY_SOCKET} holds a supported address.
     *
     * @param env the process environment ({@code System.getenv()} in production)
     */
    public static SdNotify forNode(NodeSettings node, Map<String, String> env) {
        return open(node.systemdNotify(), env);
    }

    /**
     * A sender for {@code NOTIFY_SOCKET} from {@code env}, or a disabled one when {@code enabled} is false,
     * the variable is unset, or its value is not usable (logged once, here).
     */
    public static SdNotify open(boolean enabled, Map<String, String> env) {
        String value = env.get(NOTIFY_SOCKET);
        if (!enabled || value == null || value.isEmpty()) {
            LOG.debug(
                    "systemd notifications off ({})",
                    enabled ? NOTIFY_SOCKET + " is not set" : "node.systemd-notify = false");
            return disabled();
        }
        Optional<String> path = socketPath(value);
        if (path.isEmpty()) {
            LOG.warn(
                    "{}={} is not a usable address (expected an absolute path of at most {} bytes, or @name);"
                            + " systemd notifications are off",
                    NOTIFY_SOCKET,
                    value,
                    SUN_PATH_MAX - 1);
            return disabled();
        }
        return new SdNotify(value, new UnixSocketAddress(path.get()));
    }

    /** A sender that drops every message. */
    public static SdNotify disabled() {
        return new SdNotify(null, null);
    }

    /**
     * The {@code sun_path} for a {@code NOTIFY_SOCKET} value as jnr-unixsocket expects it: the path itself,
     * or a leading NUL plus the name for {@code @name}; empty when the value is not supported.
     */
    static Optional<String> socketPath(String value) {
        if (value.length() < 2 || !value.chars().allMatch(c -> c > 0 && c < 0x80)) {
            return Optional.empty();
        }
        if (value.charAt(0) == '/' && value.length() < SUN_PATH_MAX) {
            return Optional.of(value);
        }
        if (value.charAt(0) == '@' && value.length() <= SUN_PATH_MAX) {
            return Optional.of('\0' + value.substring(1));
        }
        return Optional.empty();
    }

    @Override
    public boolean enabled() {
        return address != null;
    }

    /** The {@code NOTIFY_SOCKET} value in use, for logs and status. */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /**
     * Sends one datagram of newline-separated {@code KEY=value} assignments. Never throws: failures are
     * counted, the first is logged as a warning and later ones at debug level.
     *
     * @return whether the datagram was sent
     */
    @Override
    public synchronized boolean send(String message) {
        if (address == null || closed) {
            return false;
        }
        if (channel == null) {
            try {
                channel = UnixDatagramChannel.open();
                channel.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                closeChannel();
                return failed(SdNotifyCounter.OPEN_FAILED, "cannot open a Unix datagram socket", e);
            }
        }
        try {
            ByteBuffer datagram = ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8));
            int sent = channel.send(datagram, address);
            if (sent <= 0) {
                return failed(SdNotifyCounter.SEND_FAILED, "the notify socket's queue is full", null);
            }
            counters.incrementAndGet(SdNotifyCounter.MESSAGES_SENT.ordinal());
            return true;
        } catch (IOException | RuntimeException e) {
            return failed(SdNotifyCounter.SEND_FAILED, "send failed", e);
        }
    }

    private boolean failed(SdNotifyCounter counter, String what, Exception e) {
        long n = counters.incrementAndGet(counter.ordinal());
        String cause = e == null ? "" : ": " + e;
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("sd_notify to {}: {}{} (further failures are only counted, see {})", target, what, cause, counter);
        } else {
            LOG.debug("sd_notify to {}: {}{} ({} {})", target, what, cause, counter, n);
        }
        return false;
    }

    /** Current value of one counter. */
    public long count(SdNotifyCounter counter) {
        return counters.get(counter.ordinal());
    }

    /** Closes the socket; later messages are dropped without being counted. */
    @Override
    public synchronized void close() {
        closed = true;
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing the sd_notify socket", e);
            }
            channel = null;
        }
    }

    @Override
    public String toString() {
        return enabled() ? "SdNotify[" + target + "]" : "SdNotify[disabled]";
    }
}
