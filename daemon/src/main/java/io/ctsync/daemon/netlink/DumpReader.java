package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.Errno;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkError;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Runs netlink dumps on its own socket and streams the reply messages to a handler as each datagram
 * arrives, so a million-entry table never becomes one list; the next datagrams are received on a helper
 * thread while the handler works. Only {@code NLMSG_DONE} (or an error for the request) ends a dump. Used
 * by one thread at a time.
 */
public final class DumpReader implements AutoCloseable {
    /** Effective receive buffer of a dump socket. */
    public static final int DEFAULT_RECEIVE_BUFFER = 4 << 20;
    /** How long to wait for the next dump datagram before giving up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final int DATAGRAM = 128 << 10;
    private static final int RING = 4;
    private static final int RECEIVER_FAILED = Integer.MIN_VALUE;

    /** Writes the dump request message with the given sequence number. */
    @FunctionalInterface
    public interface Request {
        void encode(NetlinkMessageWriter writer, int seq);
    }

    /** Receives each reply message of a dump, positioned on the message; returns false if it was malformed. */
    @FunctionalInterface
    public interface MessageHandler {
        boolean onMessage(NetlinkMessageReader message);
    }

    private final NetlinkTransport transport;
    private final NativeBuffer requestBuffer = NativeBuffer.allocate(4096);
    private final NetlinkMessageWriter writer = new NetlinkMessageWriter(requestBuffer.buffer());
    private final NativeBuffer[] receiveBuffers = new NativeBuffer[RING];
    private final NetlinkMessageReader reader = new NetlinkMessageReader();
    private int nextSeq = 1;

    public DumpReader(NetlinkTransport transport) {
        this.transport = Objects.requireNonNull(transport);
        for (int i = 0; i < RING; i++) {
            receiveBuffers[i] = NativeBuffer.allocate(DATAGRAM);
        }
    }

    /** Opens a dump socket in {@code namespace} with a forced receive buffer and a receive timeout. */
    public static DumpReader open(NetworkNamespace namespace, Duration timeout) throws NetlinkException {
        NetlinkSocket socket = namespace.openNetlinkSocket();
        try {
            socket.setReceiveBuffer(DEFAULT_RECEIVE_BUFFER);
            socket.setReceiveTimeout(timeout);
            socket.setExtAck(true);
            return new DumpReader(socket);
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public static DumpReader open(NetworkNamespace namespace) throws NetlinkException {
        return open(namespace, DEFAULT_TIMEOUT);
    }

    public int portId() {
        return transport.portId();
    }

    /**
     * Sends {@code request} and hands every reply message (other than {@code NLMSG_DONE} and errors) to
     * {@code handler}, on the calling thread, datagram by datagram, until the dump ends. A short-lived
     * receiver thread reads the next datagrams meanwhile (the kernel fills them during that thread's
     * {@code recv}), so kernel work and decoding overlap. A handler exception stops the handler calls; the
     * rest of the dump is drained so the socket stays usable, then the exception is rethrown.
     *
     * @throws NetlinkException when the request cannot be sent
     */
    public synchronized DumpResult dump(Request request, MessageHandler handler) throws NetlinkException {
        drainStale();
        int seq = nextSeq++;
        writer.reset();
        request.encode(writer, seq);
        int sent = transport.send(requestBuffer, 0, writer.length());
        if (sent < 0) {
            throw new NetlinkException("sendto(dump request)", -sent);
        }
        Prefetcher prefetch = new Prefetcher(seq);
        long messages = 0;
        long datagrams = 0;
        long malformed = 0;
        boolean interrupted = false;
        RuntimeException handlerFailure = null;
        try {
            while (true) {
                long chunk = prefetch.take();
                int slot = (int) (chunk >>> 32);
                int n = (int) chunk;
                if (n == RECEIVER_FAILED) {
                    return finish(
                            handlerFailure,
                            new DumpResult(
                                    messages,
                                    datagrams,
                                    malformed,
                                    Errno.EIO.number(),
                                    "receiver failed",
                                    interrupted));
                }
                if (n == -Errno.EAGAIN.number()) {
                    return finish(
                            handlerFailure,
                            new DumpResult(
                                    messages,
                                    datagrams,
                                    malformed,
                                    Errno.ETIMEDOUT.number(),
                                    "no dump reply within the receive timeout",
                                    interrupted));
                }
                if (n == -Errno.ENOBUFS.number()) {
                    // dumps are flow-controlled; an overrun here means something else wrote to this socket
                    malformed++;
                    prefetch.release(slot);
                    continue;
                }
                if (n < 0) {
                    return finish(
                            handlerFailure,
                            new DumpResult(messages, datagrams, malformed, -n, "receive failed", interrupted));
                }
                datagrams++;
                if (n > DATAGRAM) {
                    malformed++;
                    prefetch.release(slot);
                    continue;
                }
                reader.reset(receiveBuffers[slot].buffer(), 0, n);
                while (reader.next()) {
                    if (reader.seq() != seq) {
                        continue; // a late reply of an earlier request
                    }
                    if ((reader.flags() & Netlink.NLM_F_DUMP_INTR) != 0) {
                        interrupted = true;
                    }
                    if (reader.isDone()) {
                        int errno = Math.max(0, reader.doneErrno());
                        return finish(
                                handlerFailure,
                                new DumpResult(messages, datagrams, malformed, errno, null, interrupted));
                    }
                    if (reader.isError()) {
                        NetlinkError e = NetlinkError.decode(reader);
                        if (e == null) {
                            malformed++;
                        } else if (!e.isAck()) {
                            return finish(
                                    handlerFailure,
                                    new DumpResult(
                                            messages, datagrams, malformed, e.errno(), e.message(), interrupted));
                        }
                        continue;
                    }
                    messages++;
                    if (handlerFailure == null) {
                        try {
                            if (!handler.onMessage(reader)) {
                                malformed++;
                            }
                        } catch (RuntimeException e) {
                            handlerFailure = e;
                        }
                    }
                }
                if (reader.error() != null) {
                    malformed++;
                }
                prefetch.release(slot);
            }
        } finally {
            prefetch.join();
        }
    }

    /**
     * True when the datagram ends the dump with sequence number {@code seq}: an {@code NLMSG_DONE}, or an
     * {@code NLMSG_ERROR} other than an ACK. The receiver stops there so it never blocks on a finished dump.
     */
    private static boolean endsDump(ByteBuffer datagram, int length, int seq) {
        NetlinkMessageReader r = new NetlinkMessageReader(datagram, 0, length);
        while (r.next()) {
            if (r.seq() == seq
                    && (r.isDone()
                            || (r.isError()
                                    && r.payloadLength() >= 4
                                    && r.buffer().getInt(r.payloadOffset()) != 0))) {
                return true;
            }
        }
        return false;
    }

    /** Reads the datagrams of one dump on its own thread into a small ring of buffers. */
    private final class Prefetcher {
        private final int seq;
        private final ArrayBlockingQueue<Integer> free = new ArrayBlockingQueue<>(RING);
        private final ArrayBlockingQueue<Long> filled = new ArrayBlockingQueue<>(RING);
        private final Thread thread;

        Prefetcher(int seq) {
            this.seq = seq;
            for (int i = 0; i < RING; i++) {
                free.add(i);
            }
            thread = new Thread(this::run, "netlink-dump-receiver");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (true) {
                    int slot = takeUninterruptibly(free);
                    int n = transport.receive(receiveBuffers[slot], 0, DATAGRAM);
                    putUninterruptibly(filled, ((long) slot << 32) | (n & 0xffffffffL));
                    if (n < 0 && n != -Errno.ENOBUFS.number()) {
                        return;
                    }
                    if (n > 0 && n <= DATAGRAM && endsDump(receiveBuffers[slot].buffer(), n, seq)) {
                        return;
                    }
                }
            } catch (RuntimeException | Error e) {
                putUninterruptibly(filled, RECEIVER_FAILED & 0xffffffffL);
            }
        }

        long take() {
            return takeUninterruptibly(filled);
        }

        void release(int slot) {
            putUninterruptibly(free, slot);
        }

        void join() {
            boolean interrupted = false;
            while (thread.isAlive()) {
                // the receiver may wait for a free slot after a handler failure: give it every slot
                free.clear();
                for (int i = 0; i < RING; i++) {
                    free.offer(i);
                }
                filled.clear();
                try {
                    thread.join(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T takeUninterruptibly(ArrayBlockingQueue<T> q) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return q.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> void putUninterruptibly(ArrayBlockingQueue<T> q, T value) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    q.put(value);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static DumpResult finish(RuntimeException handlerFailure, DumpResult result) {
        if (handlerFailure != null) {
            throw handlerFailure;
        }
        return result;
    }

    /** Discards datagrams left over from an earlier dump that ended early. */
    private void drainStale() {
        for (int i = 0; i < 100_000; i++) {
            if (transport.receive(receiveBuffers[0], 0, DATAGRAM, true) < 0) {
                return;
            }
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
