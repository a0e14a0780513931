package io.ctsync.daemon.netlink;

import io.ctsync.protocol.ctnetlink.ConntrackMessage;
import io.ctsync.protocol.ctnetlink.CtnetlinkDecoder;
import io.ctsync.protocol.ctnetlink.CtnetlinkHandler;
import io.ctsync.protocol.ctnetlink.ExpectationMessage;
import io.ctsync.protocol.ctnetlink.MessageKind;
import io.ctsync.protocol.netlink.DropReason;
import io.ctsync.protocol.netlink.NetlinkError;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Adapts the ctnetlink decoder to an {@link EventSubscriber}: events become {@link ConntrackEvent}s, every
 * drop is counted by reason, and messages that are not events (dump parts, errors) are counted as
 * unexpected and skipped. Used only by the reader thread.
 */
final class ConntrackEventDecoder implements DatagramDecoder<ConntrackEvent>, CtnetlinkHandler {
    private final CtnetlinkDecoder decoder = new CtnetlinkDecoder(this);
    private final Counters<DropReason> drops = new Counters<>(DropReason.class);
    private List<ConntrackEvent> out;
    private int dropped;

    Counters<DropReason> drops() {
        return drops;
    }

    @Override
    public int decode(ByteBuffer datagram, int offset, int length, List<ConntrackEvent> sink) {
        out = sink;
        dropped = 0;
        try {
            decoder.decode(datagram, offset, length);
        } finally {
            out = null;
        }
        return dropped;
    }

    private static boolean isEvent(MessageKind kind) {
        return kind == MessageKind.NEW || kind == MessageKind.UPDATE || kind == MessageKind.DESTROY;
    }

    @Override
    public void onConntrack(ConntrackMessage m) {
        if (isEvent(m.kind())) {
            out.add(new ConntrackEvent.EntryEvent(m.kind(), m.entry(), m.pid()));
        } else {
            unexpected();
        }
    }

    @Override
    public void onExpectation(ExpectationMessage m) {
        if (isEvent(m.kind())) {
            out.add(new ConntrackEvent.ExpectationEvent(m.kind(), m.expectation(), m.pid()));
        } else {
            unexpected();
        }
    }

    @Override
    public void onError(NetlinkError error) {
        unexpected();
    }

    @Override
    public void onDone(int seq, int pid, int errno) {
        unexpected();
    }

    @Override
    public void onDrop(DropReason reason, int nlmsgType, int seq) {
        drops.increment(reason);
        dropped++;
    }

    private void unexpected() {
        drops.increment(DropReason.UNKNOWN_MESSAGE_TYPE);
        dropped++;
    }
}
