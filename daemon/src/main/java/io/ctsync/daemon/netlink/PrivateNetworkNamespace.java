package io.ctsync.daemon.netlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A new, empty, unnamed network namespace that lives only as long as this object (and the sockets
 * opened in it): a holder thread {@code unshare}s into it and waits, and other threads reach it
 * through {@code /proc/PID/task/TID/ns/net}. Nothing is left behind when the process ends, even
 * when it is killed.
 */
public final class PrivateNetworkNamespace implements AutoCloseable {
    private final Thread holder;
    private final CountDownLatch release = new CountDownLatch(1);
    private final NetworkNamespace namespace;
    private final String id;

    private PrivateNetworkNamespace(String threadName) throws NetlinkException {
        CountDownLatch ready = new CountDownLatch(1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        holder = new Thread(
                () -> {
                    try {
                        if (Native.LIBC.unshare(LinuxConstants.CLONE_NEWNET) != 0) {
                            outcome.set(new NetlinkException("unshare(CLONE_NEWNET)", Native.errno()));
                            return;
                        }
                        outcome.set(Files.readSymbolicLink(Path.of("/proc/thread-self")));
                    } catch (IOException | RuntimeException e) {
                        outcome.set(e);
                        return;
                    } finally {
                        ready.countDown();
                    }
                    awaitRelease();
                },
                threadName);
        holder.setDaemon(true);
        holder.start();
        awaitUninterruptibly(ready);
        Object o = outcome.get();
        if (o instanceof NetlinkException e) {
            throw e;
        }
        if (!(o instanceof Path task)) {
            throw new IllegalStateException("cannot locate the holder thread's namespace", (Throwable) o);
        }
        Path file = Path.of("/proc").resolve(task).resolve("ns/net");
        namespace = NetworkNamespace.ofPath(file);
        String link;
        try {
            link = Files.readSymbolicLink(file).toString();
        } catch (IOException e) {
            link = file.toString();
        }
        id = link;
    }

    /** Creates the namespace; its holder thread gets {@code threadName}. Needs CAP_SYS_ADMIN. */
    public static PrivateNetworkNamespace create(String threadName) throws NetlinkException {
        return new PrivateNetworkNamespace(threadName);
    }

    /** The namespace, for opening sockets in it while this object is open. */
    public NetworkNamespace namespace() {
        return namespace;
    }

    /** The kernel's name for it, e.g. {@code net:[4026532301]}. */
    public String id() {
        return id;
    }

    /** Lets the holder thread end; the namespace goes once the sockets opened in it are closed too. */
    @Override
    public void close() {
        release.countDown();
        try {
            holder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRelease() {
        awaitUninterruptibly(release);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
