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
    /**
     * Type NEW with {@code NLM_F_MULTI}: a part of a dump, or the answer to a GET of one entry
     * (kernel 6.18 sets {@code NLM_F_MULTI} on that too; tell them apart by the request's seq).
     */
    DUMP,
    /** Type NEW without flags and with a non-zero seq: a GET answer from kernels that do not set MULTI. */
    GET_REPLY
}
