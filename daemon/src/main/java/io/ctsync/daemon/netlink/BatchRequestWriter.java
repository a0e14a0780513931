package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.Errno;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkError;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.nio.BufferOverflowException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sends netlink requests to the kernel in batches (hundreds of messages per {@code sendto}, {@code
 * NLM_F_ACK} on the last one, or on each when asked) over its own request socket, and maps every reply
 * back to the item that caused it by sequence number. The kernel applies a batch synchronously inside
 * {@code sendto}, so each batch is complete once its final reply has been read. Used by one thread at a
 * time.
 */
public final class BatchRequestWriter implements AutoCloseable {
    /** Messages per datagram unless configured otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 256;
    /** Effective send buffer; caps the datagram size (the kernel refuses datagrams over SO_SNDBUF - 32). */
    public static final int DEFAULT_SEND_BUFFER = 8 << 20;
    /** Effective receive buffer: room for every reply of a batch even with an ACK per message. */
    public static final int DEFAULT_RECEIVE_BUFFER = 4 << 20;
    /** Upper bound of one request datagram. */
    public static final int DEFAULT_MAX_DATAGRAM = 1 << 20;

    private static final int REPLY_BUFFER = 64 << 10;
    private static final byte NONE = 0;
    private static final byte ACKED = 1;
    private static final byte FAILED = 2;

    /**
     * How a writer batches.
     *
     * @param batchSize maximum messages per datagram
     * @param ackEach request an ACK for every message, not only the last of each datagram
     * @param sendBuffer effective send buffer to force on the socket
     * @param receiveBuffer effective receive buffer to force on the socket
     * @param maxDatagram upper bound of a request datagram (further capped by the send buffer)
     * @param replyTimeout how long to wait for a missing final reply
     */
    public record Options(
            int batchSize, boolean ackEach, int sendBuffer, int receiveBuffer, int maxDatagram, Duration replyTimeout) {
        public Options {
            if (batchSize < 1 || batchSize > 65_536) {
                throw new IllegalArgumentException("batchSize must be 1..65536: " + batchSize);
            }
            if (maxDatagram < 4096) {
                throw new IllegalArgumentException("maxDatagram must be at least 4096: " + maxDatagram);
            }
            Objects.requireNonNull(replyTimeout);
        }

        public static Options defaults() {
            return new Options(
                    DEFAULT_BATCH_SIZE,
                    false,
                    DEFAULT_SEND_BUFFER,
                    DEFAULT_RECEIVE_BUFFER,
                    DEFAULT_MAX_DATAGRAM,
                    Duration.ofSeconds(5));
        }

        public Options withBatchSize(int n) {
            return new Options(n, ackEach, sendBuffer, receiveBuffer, maxDatagram, replyTimeout);
        }

        public Options withAckEach(boolean on) {
            return new Options(batchSize, on, sendBuffer, receiveBuffer, maxDatagram, replyTimeout);
        }

        public Options withBuffers(int send, int receive) {
            return new Options(batchSize, ackEach, send, receive, maxDatagram, replyTimeout);
        }

        public Options withReplyTimeout(Duration timeout) {
            return new Options(batchSize, ackEach, sendBuffer, receiveBuffer, maxDatagram, timeout);
        }
    }

    /** Told about every request the kernel did not apply (or whose outcome is unknown). */
    @FunctionalInterface
    public interface FailureListener<T> {
        void onFailure(T item, RequestFailure failure);
    }

    private final NetlinkTransport transport;
    private final Options options;
    private final NativeBuffer sendBuffer;
    private final NetlinkMessageWriter messages;
    private final NativeBuffer replyBuffer = NativeBuffer.allocate(REPLY_BUFFER);
    private final NetlinkMessageReader replies = new NetlinkMessageReader();
    private final Counters<WriterCounter> counters = new Counters<>(WriterCounter.class);
    private final Object[] pending;
    private final byte[] state;
    private int nextSeq = 1;

    /**
     * A writer over an already configured transport; {@code maxDatagram} bytes is the largest datagram it
     * will send.
     */
    public BatchRequestWriter(NetlinkTransport transport, Options options, int maxDatagram) {
        this.transport = Objects.requireNonNull(transport);
        this.options = Objects.requireNonNull(options);
        this.sendBuffer = NativeBuffer.allocate(Math.max(4096, maxDatagram));
        this.messages = new NetlinkMessageWriter(sendBuffer.buffer());
        this.pending = new Object[options.batchSize()];
        this.state = new byte[options.batchSize()];
    }

    /**
     * Opens a request socket in {@code namespace}: forced send and receive buffers, {@code NETLINK_CAP_ACK},
     * {@code NETLINK_EXT_ACK} and the reply timeout.
     */
    public static BatchRequestWriter open(NetworkNamespace namespace, Options options) throws NetlinkException {
        NetlinkSocket socket = namespace.openNetlinkSocket();
        try {
            int sndbuf = socket.setSendBuffer(options.sendBuffer());
            socket.setReceiveBuffer(options.receiveBuffer());
            socket.setCapAck(true);
            socket.setExtAck(true);
            socket.setReceiveTimeout(options.replyTimeout());
            int maxDatagram = Math.min(options.maxDatagram(), sndbuf - 64);
            return new BatchRequestWriter(socket, options, maxDatagram);
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Opens a writer with {@link Options#defaults()} in {@code namespace}. */
    public static BatchRequestWriter open(NetworkNamespace namespace) throws NetlinkException {
        return open(namespace, Options.defaults());
    }

    /** The request socket's port id: events caused by this writer carry it as {@code nlmsg_pid}. */
    public int portId() {
        return transport.portId();
    }

    public Options options() {
        return options;
    }

    public Counters<WriterCounter> counters() {
        return counters;
    }

    /** Sends one request per item, in order, batched; see {@link #write(Iterator, RequestEncoder, FailureListener)}. */
    public <T> BatchResult write(
            Iterable<T> items, RequestEncoder<? super T> encoder, FailureListener<? super T> onFailure) {
        return write(items.iterator(), encoder, onFailure);
    }

    /**
     * Sends one request per item, in order, in datagrams of up to {@code batchSize} messages, waits for each
     * datagram's replies and reports every failed request to {@code onFailure} (on this thread) with its
     * errno and extended-ACK text. Returns when every request has been answered.
     *
     * @throws IllegalArgumentException if a single request does not fit in a datagram
     */
    public synchronized <T> BatchResult write(
            Iterator<T> items, RequestEncoder<? super T> encoder, FailureListener<? super T> onFailure) {
        Tally tally = new Tally();
        messages.reset();
        int count = 0;
        int base = nextSeq;
        while (items.hasNext()) {
            T item = items.next();
            if (!append(encoder, item, base + count)) {
                if (count == 0) {
                    throw new IllegalArgumentException("request larger than a datagram (" + messages.capacity() + ")");
                }
                flush(count, base, onFailure, tally);
                base = nextSeq;
                count = 0;
                if (!append(encoder, item, base)) {
                    throw new IllegalArgumentException("request larger than a datagram (" + messages.capacity() + ")");
                }
            }
            pending[count++] = item;
            if (count == pending.length) {
                flush(count, base, onFailure, tally);
                base = nextSeq;
                count = 0;
            }
        }
        if (count > 0) {
            flush(count, base, onFailure, tally);
        }
        return tally.result();
    }

    private <T> boolean append(RequestEncoder<? super T> encoder, T item, int seq) {
        int before = messages.messageCount();
        try {
            encoder.encode(messages, item, seq);
        } catch (BufferOverflowException e) {
            messages.abortMessage();
            return false;
        }
        if (messages.inMessage() || messages.messageCount() != before + 1) {
            throw new IllegalStateException("encoder must write exactly one complete message");
        }
        if (options.ackEach()) {
            addAck(messages.lastMessageOffset());
        }
        return true;
    }

    private void addAck(int messageOffset) {
        messages.addFlags(messageOffset, Netlink.NLM_F_ACK);
    }

    @SuppressWarnings("unchecked")
    private <T> void flush(int count, int base, FailureListener<? super T> onFailure, Tally tally) {
        if (!options.ackEach()) {
            addAck(messages.lastMessageOffset());
        }
        nextSeq = base + count;
        Arrays.fill(state, 0, count, NONE);
        tally.requests += count;
        tally.datagrams++;
        counters.add(WriterCounter.REQUESTS, count);
        counters.increment(WriterCounter.DATAGRAMS);
        int sent = transport.send(sendBuffer, 0, messages.length());
        messages.reset();
        if (sent < 0) {
            int errno = -sent;
            for (int i = 0; i < count; i++) {
                fail(
                        (T) pending[i],
                        new RequestFailure(RequestFailure.Kind.SEND, errno, null, base + i),
                        onFailure,
                        tally);
            }
            counters.add(WriterCounter.SEND_FAILURES, count);
            Arrays.fill(pending, 0, count, null);
            return;
        }
        int missingErrno = collectReplies(count, base, onFailure, tally);
        for (int i = 0; i < count; i++) {
            if (state[i] == ACKED || (state[i] == NONE && missingErrno == 0)) {
                tally.succeeded++;
                counters.increment(WriterCounter.SUCCEEDED);
            } else if (state[i] == NONE) {
                counters.increment(WriterCounter.NO_REPLY);
                fail(
                        (T) pending[i],
                        new RequestFailure(RequestFailure.Kind.NO_REPLY, missingErrno, null, base + i),
                        onFailure,
                        tally);
            }
        }
        Arrays.fill(pending, 0, count, null);
    }

    /**
     * Reads replies for the datagram just sent until its final reply; returns 0 when every request without
     * a reply is known to have succeeded, or the errno to report for requests left without a reply.
     */
    @SuppressWarnings("unchecked")
    private <T> int collectReplies(int count, int base, FailureListener<? super T> onFailure, Tally tally) {
        int awaiting = options.ackEach() ? count : 1;
        boolean overrun = false;
        boolean waited = false;
        while (awaiting > 0) {
            // the kernel has queued every reply by the time sendto returns; block only as a safety net
            int n = transport.receive(replyBuffer, 0, REPLY_BUFFER, !waited || overrun);
            if (n == -Errno.EAGAIN.number()) {
                if (overrun) {
                    break;
                }
                if (waited) {
                    counters.increment(WriterCounter.REPLY_TIMEOUTS);
                    return Errno.ETIMEDOUT.number();
                }
                waited = true;
                continue;
            }
            if (n == -Errno.ENOBUFS.number()) {
                overrun = true;
                counters.increment(WriterCounter.REPLY_OVERRUNS);
                continue;
            }
            if (n < 0) {
                return -n;
            }
            if (n > REPLY_BUFFER) {
                counters.increment(WriterCounter.MALFORMED_REPLIES);
                continue;
            }
            replies.reset(replyBuffer.buffer(), 0, n);
            while (replies.next()) {
                NetlinkError e = replies.isError() ? NetlinkError.decode(replies) : null;
                if (e == null) {
                    counters.increment(WriterCounter.MALFORMED_REPLIES);
                    continue;
                }
                int index = e.seq() - base;
                if (index < 0 || index >= count || state[index] != NONE) {
                    counters.increment(WriterCounter.STALE_REPLIES);
                    continue;
                }
                if (e.isAck()) {
                    state[index] = ACKED;
                } else {
                    state[index] = FAILED;
                    counters.increment(WriterCounter.KERNEL_ERRORS);
                    fail(
                            (T) pending[index],
                            new RequestFailure(RequestFailure.Kind.KERNEL, e.errno(), e.message(), e.seq()),
                            onFailure,
                            tally);
                }
                if (options.ackEach() || index == count - 1) {
                    awaiting--;
                }
            }
            if (replies.error() != null) {
                counters.increment(WriterCounter.MALFORMED_REPLIES);
            }
        }
        if (overrun) {
            return Errno.ENOBUFS.number();
        }
        return awaiting > 0 ? Errno.ETIMEDOUT.number() : 0;
    }

    private static <T> void fail(T item, RequestFailure failure, FailureListener<? super T> onFailure, Tally tally) {
        tally.failed++;
        tally.byErrno.merge(failure.errnoName(), 1L, Long::sum);
        onFailure.onFailure(item, failure);
    }

    @Override
    public void close() {
        transport.close();
    }

    private static final class Tally {
        long requests;
        long succeeded;
        long failed;
        long datagrams;
        final Map<String, Long> byErrno = new TreeMap<>();

        BatchResult result() {
            return new BatchResult(requests, succeeded, failed, datagrams, byErrno);
        }
    }
}
