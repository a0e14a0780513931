package io.ctsync.daemon.filter;

/** Why the user-space filter refused to replicate an event; one counter each. */
public enum FilterDropReason {
    /** The layer-4 protocol is not accepted or is ignored. */
    PROTOCOL,
    /** Original/reply source outside the accept list, or inside an ignored (or implicitly ignored) network. */
    ADDRESS,
    /** TCP entry in a state that is not accepted or is ignored (never applied to DESTROY). */
    TCP_STATE,
    /** The mark matches no accepted value/mask, or an ignored one. */
    MARK,
    /** The zone is not accepted or is ignored. */
    ZONE,
    /** The label bits match no accepted label, or an ignored one. */
    LABEL,
    /** A DESTROY of an entry that died younger than the minimum age, so it was never replicated. */
    DIED_YOUNG
}
