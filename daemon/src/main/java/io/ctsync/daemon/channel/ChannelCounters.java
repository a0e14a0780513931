package io.ctsync.daemon.channel;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of one channel: updated on the channel's event loop, readable from any thread as
 * plain longs (a metrics layer wraps them).
 */
public final class ChannelCounters {
    private static final ChannelCounter[] ALL = ChannelCounter.values();

    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    /** Current value of one counter. */
    public long get(ChannelCounter counter) {
        return values.get(counter.ordinal());
    }

    public long bytesSent() {
        return get(ChannelCounter.BYTES_SENT);
    }

    public long packetsSent() {
        return get(ChannelCounter.PACKETS_SENT);
    }

    public long bytesReceived() {
        return get(ChannelCounter.BYTES_RECEIVED);
    }

    public long packetsReceived() {
        return get(ChannelCounter.PACKETS_RECEIVED);
    }

    public long sendErrors() {
        return get(ChannelCounter.SEND_ERRORS);
    }

    public long receiveErrors() {
        return get(ChannelCounter.RECEIVE_ERRORS);
    }

    /** All counters, in declaration order. */
    public Map<ChannelCounter, Long> snapshot() {
        Map<ChannelCounter, Long> out = new EnumMap<>(ChannelCounter.class);
        for (ChannelCounter c : ALL) {
            out.put(c, get(c));
        }
        return out;
    }

    /** Adds {@code delta} to one counter. */
    public void add(ChannelCounter counter, long delta) {
        values.getAndAdd(counter.ordinal(), delta);
    }

    public void increment(ChannelCounter counter) {
        values.getAndIncrement(counter.ordinal());
    }

    /** Counts one sent payload of {@code bytes} bytes. */
    public void sent(int bytes) {
        increment(ChannelCounter.PACKETS_SENT);
        add(ChannelCounter.BYTES_SENT, bytes);
    }

    /** Counts one delivered payload of {@code bytes} bytes. */
    public void received(int bytes) {
        increment(ChannelCounter.PACKETS_RECEIVED);
        add(ChannelCounter.BYTES_RECEIVED, bytes);
    }

    /** Counts a send failure under its reason and in {@link ChannelCounter#SEND_ERRORS}. */
    public void sendError(ChannelCounter reason) {
        increment(reason);
        increment(ChannelCounter.SEND_ERRORS);
    }

    /** Counts a receive failure under its reason and in {@link ChannelCounter#RECEIVE_ERRORS}. */
    public void receiveError(ChannelCounter reason) {
        increment(reason);
        increment(ChannelCounter.RECEIVE_ERRORS);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
