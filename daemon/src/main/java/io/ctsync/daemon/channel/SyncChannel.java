package io.ctsync.daemon.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One sync transport (UDP unicast, multicast, TCP, a redundant {@link MultiChannel}, or an
 * in-memory test wire): it carries opaque payloads, each a concatenation of sync messages, and
 * never looks inside them (TCP only splits its stream at message boundaries).
 *
 * <p>Threading: a channel lives on one event loop (the engine's). Listener callbacks run on it;
 * {@link #send} should be called on it too (from another thread the send is handed over to it).
 */
public interface SyncChannel {

    /** Receives payloads and link events; every method is called on the channel's event loop. */
    interface Listener {
        /**
         * A payload arrived: a datagram, or the complete messages of one TCP read.
         *
         * @param payload readable bytes of the payload, valid only during the call (the channel
         *     releases it afterwards: {@code retain()} or copy it to keep it)
         * @param link the link it arrived on (for a {@link MultiChannel}: the member link)
         * @param sender the source address
         */
        void onPayload(ByteBuf payload, SyncChannel link, InetSocketAddress sender);

        /** The link's state changed (logged by the channel already). */
        default void onLinkStateChanged(SyncChannel link, LinkState previous, LinkState current) {}

        /** A payload could not be sent (already counted under its reason). */
        default void onSendError(SyncChannel link, ChannelCounter reason) {}
    }

    /** Name shown in status and metrics ({@code udp-0}, …). */
    String name();

    /**
     * Largest payload to send, in bytes: conntrackd's packing buffer size (the link MTU minus the
     * IP and UDP/TCP header sizes of the channel's address family).
     */
    int payloadLimit();

    /**
     * Opens the sockets on the event loop and starts delivering to {@code listener}. The future
     * fails on a local setup error (unknown interface, address in use); TCP's outgoing connection
     * is not part of it and keeps retrying in the background.
     */
    Future<Void> open(Listener listener);

    /**
     * Sends one payload (a concatenation of whole messages, at most {@link #payloadLimit()} bytes
     * unless a single message is larger). Takes ownership of {@code payload}. Never throws for
     * network failures: they are counted and reported to {@link Listener#onSendError}.
     */
    void send(ByteBuf payload);

    /** Sends a copy-free wrap of {@code payload}, which must not be modified afterwards. */
    default void send(byte[] payload) {
        send(Unpooled.wrappedBuffer(payload));
    }

    /** Whether the unsent backlog is below its high-water mark (bulk senders should wait if not). */
    boolean isWritable();

    LinkState state();

    /** The network interface the link runs over, for link monitoring, if it names one. */
    default Optional<String> interfaceName() {
        return Optional.empty();
    }

    /** Transport details for status, e.g. {@code server=connected client=disconnected} for TCP. */
    default String statusDetail() {
        return "";
    }

    ChannelCounters counters();

    /** Closes the sockets; the future completes when they are closed. Idempotent. */
    Future<Void> close();
}
