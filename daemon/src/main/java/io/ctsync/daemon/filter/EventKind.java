package io.ctsync.daemon.filter;

import io.ctsync.protocol.ctnetlink.MessageKind;

/** The kind of a conntrack event as the filter sees it (dump entries count as {@link #NEW}). */
public enum EventKind {
    NEW,
    UPDATE,
    DESTROY;

    /** The filter's view of a decoded message: dump parts and GET answers are treated like NEW events. */
    public static EventKind of(MessageKind kind) {
        return switch (kind) {
            case NEW, DUMP, GET_REPLY -> NEW;
            case UPDATE -> UPDATE;
            case DESTROY -> DESTROY;
        };
    }
}
