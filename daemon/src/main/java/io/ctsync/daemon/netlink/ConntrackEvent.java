package io.ctsync.daemon.netlink;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.ctnetlink.MessageKind;

/**
 * One decoded event from the conntrack event socket: a change of a conntrack entry or of an expectation,
 * with the port id of the netlink socket whose request caused it (0 for packet-path and timer events), so
 * that changes made by ctsync's own request sockets can be recognised.
 */
public sealed interface ConntrackEvent {

    /** {@link MessageKind#NEW}, {@link MessageKind#UPDATE} or {@link MessageKind#DESTROY}. */
    MessageKind kind();

    /** {@code nlmsg_pid} of the event: the causing socket's port id in this namespace, or 0. */
    int originPortId();

    /** True when the socket with {@code portId} (in the same namespace) caused this event. */
    default boolean causedBy(int portId) {
        return portId != 0 && originPortId() == portId;
    }

    /** A conntrack entry was created, updated or destroyed. */
    record EntryEvent(MessageKind kind, ConntrackEntry entry, int originPortId) implements ConntrackEvent {}

    /** An expectation was created or destroyed. */
    record ExpectationEvent(MessageKind kind, Expectation expectation, int originPortId) implements ConntrackEvent {}
}
