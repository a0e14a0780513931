package io.ctsync.daemon.netlink;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A netlink multicast subscription with its own socket and one dedicated blocking reader thread: {@code
 * recvmmsg} into reusable slots, decoding on the reader thread, immutable batches to an {@link
 * EventListener}, overruns (ENOBUFS) reported as "events lost" and counted, malformed input counted and
 * skipped. {@link #close()} stops the reader through the receive timeout and closes the socket only after
 * the thread has exited.
 */
public final class EventSubscriber<E> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscriber.class);

    /**
     * Default effective receive buffer: 160 MiB. A queued event costs about 1.27 KiB of receive buffer
     * (measured on 6.18: 64 MiB held 52.7k IPv4 or IPv6 TCP events), so this holds a 125k-event burst
     * even when the reader is stalled for the whole burst (measured: 125k of 125k kept, 128 MiB holds just
     * 105k); memory is used only while events are queued.
     */
    public static final int DEFAULT_RECEIVE_BUFFER = 160 << 20;

    public static final int DEFAULT_SLOTS = 256;
    public static final int DEFAULT_SLOT_SIZE = 8192;
    public static final Duration DEFAULT_STOP_POLL = Duration.ofMillis(250);

    /**
     * How the subscription is set up.
     *
     * @param receiveBuffer effective receive buffer to force (the kernel doubles the requested value)
     * @param reliable {@code NETLINK_BROADCAST_ERROR} + {@code NETLINK_NO_ENOBUFS}: undeliverable DESTROY
     *     events are retried by the kernel instead of being dropped; ENOBUFS is no longer reported
     * @param slots datagrams per {@code recvmmsg}
     * @param slotSize bytes per datagram slot
     * @param stopPoll receive timeout, the longest {@link #close()} waits for the reader to notice
     * @param filter BPF program to attach, or null
     * @param threadName name of the reader thread
     */
    public record Options(
            int receiveBuffer,
            boolean reliable,
            int slots,
            int slotSize,
            Duration stopPoll,
            SocketFilter filter,
            String threadName) {
        public Options {
            if (receiveBuffer < 4096) {
                throw new IllegalArgumentException("receiveBuffer too small: " + receiveBuffer);
            }
            if (stopPoll.isNegative() || stopPoll.isZero()) {
                throw new IllegalArgumentException("stopPoll must be positive");
            }
            Objects.requireNonNull(threadName);
        }

        public static Options defaults() {
            return new Options(
                    DEFAULT_RECEIVE_BUFFER,
                    false,
                    DEFAULT_SLOTS,
                    DEFAULT_SLOT_SIZE,
                    DEFAULT_STOP_POLL,
                    null,
                    "netlink-events");
        }

        public Options withReceiveBuffer(int bytes) {
            return new Options(bytes, reliable, slots, slotSize, stopPoll, filter, threadName);
        }

        public Options withReliable(boolean on) {
            return new Options(receiveBuffer, on, slots, slotSize, stopPoll, filter, threadName);
        }

        public Options withSlots(int count, int size) {
            return new Options(receiveBuffer, reliable, count, size, stopPoll, filter, threadName);
        }

        public Options withStopPoll(Duration poll) {
            return new Options(receiveBuffer, reliable, slots, slotSize, poll, filter, threadName);
        }

        public Options withFilter(SocketFilter program) {
            return new Options(receiveBuffer, reliable, slots, slotSize, stopPoll, program, threadName);
        }

        public Options withThreadName(String name) {
            return new Options(receiveBuffer, reliable, slots, slotSize, stopPoll, filter, name);
        }
    }

    private final NetlinkSocket socket;
    private final DatagramDecoder<E> decoder;
    private final EventListener<E> listener;
    private final ReceiveBatch batch;
    private final Counters<SubscriberCounter> counters = new Counters<>(SubscriberCounter.class);
    private final int effectiveReceiveBuffer;
    private final Duration stopPoll;
    private final Thread reader;
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile boolean stopping;

    private EventSubscriber(
            NetlinkSocket socket,
            int effectiveReceiveBuffer,
            Options options,
            DatagramDecoder<E> decoder,
            EventListener<E> listener) {
        this.socket = socket;
        this.effectiveReceiveBuffer = effectiveReceiveBuffer;
        this.decoder = decoder;
        this.listener = listener;
        this.stopPoll = options.stopPoll();
        this.batch = new ReceiveBatch(options.slots(), options.slotSize());
        this.reader = new Thread(this::readLoop, options.threadName());
        this.reader.setDaemon(true);
    }

    /**
     * Opens an event socket in {@code namespace}, joins {@code groups} (nfnetlink group numbers), applies
     * {@code options} and starts the reader thread.
     */
    public static <E> EventSubscriber<E> start(
            NetworkNamespace namespace,
            int[] groups,
            Options options,
            DatagramDecoder<E> decoder,
            EventListener<E> listener)
            throws NetlinkException {
        Objects.requireNonNull(decoder);
        Objects.requireNonNull(listener);
        NetlinkSocket socket = namespace.openNetlinkSocket();
        try {
            int effective = socket.setReceiveBuffer(options.receiveBuffer());
            if (effective < options.receiveBuffer()) {
                LOG.warn("event receive buffer is " + effective + " bytes, less than the requested "
                        + options.receiveBuffer() + " (SO_RCVBUFFORCE not permitted?)");
            }
            socket.setReceiveTimeout(options.stopPoll());
            if (options.reliable()) {
                socket.setBroadcastError(true);
                socket.setNoEnobufs(true);
            }
            if (options.filter() != null) {
                socket.attachFilter(options.filter());
            }
            for (int g : groups) {
                socket.joinGroup(g);
            }
            EventSubscriber<E> s = new EventSubscriber<>(socket, effective, options, decoder, listener);
            s.reader.start();
            return s;
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The event socket's port id. */
    public int portId() {
        return socket.portId();
    }

    /** The effective receive buffer in force, in bytes. */
    public int receiveBuffer() {
        return effectiveReceiveBuffer;
    }

    public Counters<SubscriberCounter> counters() {
        return counters;
    }

    /** True until the reader thread has exited. */
    public boolean isRunning() {
        return exited.getCount() > 0;
    }

    private void readLoop() {
        Throwable failure = null;
        List<E> decoded = new ArrayList<>(batch.slots());
        ByteBuffer data = batch.data();
        try {
            while (!stopping) {
                int n = socket.receive(batch);
                if (n < 0) {
                    if (!handleReceiveError(-n)) {
                        break;
                    }
                    continue;
                }
                counters.increment(SubscriberCounter.RECEIVE_CALLS);
                counters.add(SubscriberCounter.DATAGRAMS, n);
                for (int i = 0; i < n; i++) {
                    if (batch.truncated(i)) {
                        counters.increment(SubscriberCounter.TRUNCATED_DATAGRAMS);
                        continue;
                    }
                    try {
                        int dropped = decoder.decode(data, batch.offset(i), batch.length(i), decoded);
                        counters.add(SubscriberCounter.MALFORMED_MESSAGES, dropped);
                    } catch (RuntimeException e) {
                        counters.increment(SubscriberCounter.DECODER_FAILURES);
                    }
                }
                if (!decoded.isEmpty()) {
                    List<E> events = Collections.unmodifiableList(new ArrayList<>(decoded));
                    decoded.clear();
                    counters.add(SubscriberCounter.EVENTS, events.size());
                    counters.increment(SubscriberCounter.BATCHES);
                    try {
                        listener.onEvents(events);
                    } catch (RuntimeException e) {
                        counters.increment(SubscriberCounter.LISTENER_FAILURES);
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
            LOG.error("netlink event reader failed", t);
        } finally {
            exited.countDown();
            try {
                listener.onStopped(failure);
            } catch (RuntimeException ignored) {
                counters.increment(SubscriberCounter.LISTENER_FAILURES);
            }
        }
    }

    /** Returns false when the reader must stop. */
    private boolean handleReceiveError(int errno) throws InterruptedException {
        if (errno == LinuxConstants.EAGAIN) {
            return true;
        }
        if (errno == LinuxConstants.ENOBUFS) {
            counters.increment(SubscriberCounter.OVERRUNS);
            try {
                listener.onEventsLost(counters.get(SubscriberCounter.OVERRUNS));
            } catch (RuntimeException e) {
                counters.increment(SubscriberCounter.LISTENER_FAILURES);
            }
            return true;
        }
        if (errno == LinuxConstants.EBADF) {
            return false;
        }
        counters.increment(SubscriberCounter.RECEIVE_ERRORS);
        Thread.sleep(10);
        return true;
    }

    /**
     * Stops the reader (it notices within the receive timeout), waits for it to exit and then closes the
     * socket. If the listener blocks the reader for longer than 10 s the socket is left open, so its
     * descriptor cannot be reused under the still-running reader.
     */
    @Override
    public void close() {
        stopping = true;
        if (Thread.currentThread() == reader) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + stopPoll.toNanos() + TimeUnit.SECONDS.toNanos(10);
        while (exited.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                exited.await(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (exited.getCount() == 0) {
            socket.close();
        } else {
            LOG.warn("netlink event reader did not stop; its socket stays open");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
