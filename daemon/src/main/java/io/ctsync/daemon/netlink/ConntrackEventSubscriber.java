package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.DropReason;
import io.ctsync.protocol.netlink.Nfnetlink;

/**
 * The conntrack event subscription of one network namespace: joins NEW/UPDATE/DESTROY (and the
 * expectation NEW/DESTROY groups when asked), decodes on the reader thread and hands {@link
 * ConntrackEvent} batches to the listener; see {@link EventSubscriber} for threading, overrun and stop
 * behaviour.
 */
public final class ConntrackEventSubscriber implements AutoCloseable {
    private static final int[] CONNTRACK_GROUPS = {
        Nfnetlink.NFNLGRP_CONNTRACK_NEW, Nfnetlink.NFNLGRP_CONNTRACK_UPDATE, Nfnetlink.NFNLGRP_CONNTRACK_DESTROY
    };
    private static final int[] ALL_GROUPS = {
        Nfnetlink.NFNLGRP_CONNTRACK_NEW,
        Nfnetlink.NFNLGRP_CONNTRACK_UPDATE,
        Nfnetlink.NFNLGRP_CONNTRACK_DESTROY,
        Nfnetlink.NFNLGRP_CONNTRACK_EXP_NEW,
        Nfnetlink.NFNLGRP_CONNTRACK_EXP_DESTROY
    };

    private final EventSubscriber<ConntrackEvent> subscriber;
    private final ConntrackEventDecoder decoder;

    private ConntrackEventSubscriber(EventSubscriber<ConntrackEvent> subscriber, ConntrackEventDecoder decoder) {
        this.subscriber = subscriber;
        this.decoder = decoder;
    }

    /**
     * Subscribes in {@code namespace} and starts the reader thread.
     *
     * @param expectations also join the expectation NEW and DESTROY groups
     */
    public static ConntrackEventSubscriber start(
            NetworkNamespace namespace,
            boolean expectations,
            EventSubscriber.Options options,
            EventListener<ConntrackEvent> listener)
            throws NetlinkException {
        ConntrackEventDecoder decoder = new ConntrackEventDecoder();
        EventSubscriber<ConntrackEvent> s = EventSubscriber.start(
                namespace, expectations ? ALL_GROUPS : CONNTRACK_GROUPS, options, decoder, listener);
        return new ConntrackEventSubscriber(s, decoder);
    }

    /** Subscribes to conntrack events with {@link EventSubscriber.Options#defaults()}. */
    public static ConntrackEventSubscriber start(NetworkNamespace namespace, EventListener<ConntrackEvent> listener)
            throws NetlinkException {
        return start(namespace, false, EventSubscriber.Options.defaults(), listener);
    }

    /** The event socket's port id. */
    public int portId() {
        return subscriber.portId();
    }

    /** The effective receive buffer in bytes. */
    public int receiveBuffer() {
        return subscriber.receiveBuffer();
    }

    public Counters<SubscriberCounter> counters() {
        return subscriber.counters();
    }

    /** Messages the decoder skipped, by reason (non-event messages count as unknown types). */
    public Counters<DropReason> drops() {
        return decoder.drops();
    }

    public boolean isRunning() {
        return subscriber.isRunning();
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
