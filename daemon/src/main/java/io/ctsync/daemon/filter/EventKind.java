package io.ctsync.daemon.filter;

/** The kind of a conntrack event as the filter sees it (dump entries count as {@link #NEW}). */
public enum EventKind {
    NEW,
    UPDATE,
    DESTROY
}
