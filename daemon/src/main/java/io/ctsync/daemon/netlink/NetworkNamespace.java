package io.ctsync.daemon.netlink;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A network namespace in which sockets are created: the current one, a named one ({@code
 * /run/netns/NAME}) or any namespace file. Work runs on a short-lived dedicated thread that {@code
 * setns}-es into the namespace, so one JVM can drive several namespaces while its other threads stay put;
 * sockets keep their namespace for life.
 */
public final class NetworkNamespace {
    private static final NetworkNamespace CURRENT = new NetworkNamespace(null);

    private final Path path;

    private NetworkNamespace(Path path) {
        this.path = path;
    }

    /** The namespace of the calling thread; tasks run on the calling thread itself. */
    public static NetworkNamespace current() {
        return CURRENT;
    }

    /** A namespace created by {@code ip netns add NAME}. */
    public static NetworkNamespace named(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("bad namespace name: " + name);
        }
        return new NetworkNamespace(Path.of("/run/netns", name));
    }

    /** A namespace file such as {@code /proc/PID/ns/net} or a bind mount of one. */
    public static NetworkNamespace ofPath(Path path) {
        return new NetworkNamespace(Objects.requireNonNull(path));
    }

    /** The namespace file, or null for {@link #current()}. */
    public Path path() {
        return path;
    }

    /** Opens and binds a {@code NETLINK_NETFILTER} socket inside this namespace. */
    public NetlinkSocket openNetlinkSocket() throws NetlinkException {
        return openNetlinkSocket(LinuxConstants.NETLINK_NETFILTER);
    }

    /** Opens and binds a netlink socket of {@code protocol} inside this namespace. */
    public NetlinkSocket openNetlinkSocket(int protocol) throws NetlinkException {
        try {
            return call(() -> NetlinkSocket.open(protocol));
        } catch (NetlinkException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code task} inside this namespace and returns its result: on a fresh platform thread that
     * enters the namespace first and ends afterwards (on the calling thread for {@link #current()}).
     * Sockets the task creates (netlink, or Java UDP/TCP channels) belong to this namespace. Throws
     * {@link NetlinkException} when the namespace cannot be entered, or what the task threw.
     */
    public <T> T call(Callable<T> task) throws Exception {
        if (path == null) {
            return task.call();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        enter(path);
                        result.set(task.call());
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "netns-" + path.getFileName());
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e == null) {
            return result.get();
        }
        if (e instanceof Exception) {
            throw (Exception) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        throw new ExecutionException(e);
    }

    /** Runs {@code task} inside this namespace; see {@link #call}. */
    public void run(ThrowingRunnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** A task for {@link #run} that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Moves the calling thread into the namespace at {@code path}; only for threads that are dedicated to
     * that namespace from then on (reader threads, the short-lived threads of {@link #call}).
     */
    static void enter(Path path) throws NetlinkException {
        String file = path.toString();
        int nsfd = Native.LIBC.open(file, LinuxConstants.O_RDONLY | LinuxConstants.O_CLOEXEC);
        if (nsfd < 0) {
            throw new NetlinkException("open(" + file + ")", Native.errno());
        }
        try {
            if (Native.LIBC.setns(nsfd, LinuxConstants.CLONE_NEWNET) != 0) {
                throw new NetlinkException("setns(" + file + ", CLONE_NEWNET)", Native.errno());
            }
        } finally {
            Native.LIBC.close(nsfd);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkNamespace && Objects.equals(path, ((NetworkNamespace) o).path);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(path);
    }

    @Override
    public String toString() {
        return path == null ? "netns(current)" : "netns(" + path + ")";
    }
}
