package io.ctsync.protocol.ctnetlink;

/**
 * What a received conntrack or expectation message is, told apart by type, flags and seq
 * (ctnetlink.md §5, §10, §11).
 */
public enum MessageKind {
    /** NEW event: type NEW with {@code NLM_F_CREATE | NLM_F_EXCL} (0x600). */
    NEW,
    /** UPDATE event: type NEW without flags, seq 0. */
    UPDATE,
    /** DESTROY event: type DELETE. */
    DESTROY,
    /** A part of a dump: type NEW with {@code NLM_F_MULTI}. */
    DUMP,
    /** The answer to a GET of one entry: type NEW without flags, seq of the request (non-zero). */
    GET_REPLY
}
