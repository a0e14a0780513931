package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.Errno;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkError;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs netlink dumps on its own socket and streams the reply messages to a handler as each datagram
 * arrives, so a million-entry table never becomes one list. Only {@code NLMSG_DONE} (or an error for the
 * request) ends a dump. Used by one thread at a time.
 */
public final class DumpReader implements AutoCloseable {
    /** Effective receive buffer of a dump socket. */
    public static final int DEFAULT_RECEIVE_BUFFER = 4 << 20;
    /** How long to wait for the next dump datagram before giving up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final int DATAGRAM = 128 << 10;

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
    private final NativeBuffer receiveBuffer = NativeBuffer.allocate(DATAGRAM);
    private final NetlinkMessageReader reader = new NetlinkMessageReader();
    private int nextSeq = 1;

    public DumpReader(NetlinkTransport transport) {
        this.transport = Objects.requireNonNull(transport);
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
     * {@code handler}, datagram by datagram, until the dump ends. A handler exception stops the handler
     * calls; the rest of the dump is drained so the socket stays usable, then the exception is rethrown.
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
        long messages = 0;
        long datagrams = 0;
        long malformed = 0;
        boolean interrupted = false;
        RuntimeException handlerFailure = null;
        while (true) {
            int n = transport.receive(receiveBuffer, 0, DATAGRAM);
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
                continue;
            }
            reader.reset(receiveBuffer.buffer(), 0, n);
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
                            handlerFailure, new DumpResult(messages, datagrams, malformed, errno, null, interrupted));
                }
                if (reader.isError()) {
                    NetlinkError e = NetlinkError.decode(reader);
                    if (e == null) {
                        malformed++;
                    } else if (!e.isAck()) {
                        return finish(
                                handlerFailure,
                                new DumpResult(messages, datagrams, malformed, e.errno(), e.message(), interrupted));
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
            if (transport.receive(receiveBuffer, 0, DATAGRAM, true) < 0) {
                return;
            }
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
