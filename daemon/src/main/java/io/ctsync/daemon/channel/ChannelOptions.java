package io.ctsync.daemon.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Transport knobs that the settings model does not carry (yet): source checks, TCP reconnect
 * backoff and queueing, backlog limits and the send-error threshold of link fail-over.
 *
 * @param tcpSourceCheck accept TCP connections only from the configured peer address
 * @param udpSourceCheck accept UDP unicast datagrams only from the configured peer address (off by
 *     default: conntrackd peers send from an unbound socket, so the source is the route's choice)
 * @param reconnectMin first delay before reconnecting a lost or failed TCP connection
 * @param reconnectMax cap of the doubling reconnect delay
 * @param connectTimeout timeout of one TCP connect attempt
 * @param tcpQueueLength payloads kept while the TCP outgoing connection is down and sent after it
 *     is back (conntrackd's {@code ErrorQueueLength}, 128); the oldest is dropped when full
 * @param sendBacklogBytes unsent bytes queued on a socket beyond which payloads are dropped
 * @param sendErrorThreshold consecutive send errors after which a {@link MultiChannel} fails over
 */
public record ChannelOptions(
        boolean tcpSourceCheck,
        boolean udpSourceCheck,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration connectTimeout,
        int tcpQueueLength,
        int sendBacklogBytes,
        int sendErrorThreshold) {

    public ChannelOptions {
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (reconnectMin.isNegative() || reconnectMin.isZero() || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("need 0 < reconnectMin <= reconnectMax");
        }
        if (tcpQueueLength < 0 || sendBacklogBytes < 65536 || sendErrorThreshold < 1) {
            throw new IllegalArgumentException(
                    "need tcpQueueLength >= 0, sendBacklogBytes >= 65536, sendErrorThreshold >= 1");
        }
    }

    /** TCP source check on, UDP off, reconnect 100 ms doubling to 5 s, queue 128, backlog 16 MiB, 3 errors. */
    public static ChannelOptions defaults() {
        return new ChannelOptions(
                true, false, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(2), 128, 16 << 20, 3);
    }

    public ChannelOptions withReconnect(Duration min, Duration max) {
        return new ChannelOptions(
                tcpSourceCheck,
                udpSourceCheck,
                min,
                max,
                connectTimeout,
                tcpQueueLength,
                sendBacklogBytes,
                sendErrorThreshold);
    }

    public ChannelOptions withSourceChecks(boolean tcp, boolean udp) {
        return new ChannelOptions(
                tcp,
                udp,
                reconnectMin,
                reconnectMax,
                connectTimeout,
                tcpQueueLength,
                sendBacklogBytes,
                sendErrorThreshold);
    }
}
