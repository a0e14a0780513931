package io.ctsync.daemon.filter;

/** One criterion of the replication filter, as the kernel compiler and the user-space filter name it. */
public enum FilterCriterion {
    /** Layer-4 protocol accept/ignore. */
    PROTOCOL,
    /** Original/reply source networks, including the implicit loopback and sync-address ignores. */
    ADDRESS,
    /** TCP state accept/ignore (TCP entries only; never applied to DESTROY). */
    TCP_STATE,
    /** Conntrack mark value/mask. */
    MARK,
    /** Conntrack zone ({@code CTA_ZONE}). */
    ZONE,
    /** Conntrack label bits (user space only). */
    LABEL,
    /** Minimum entry age before replication (user space only). */
    MIN_AGE
}
