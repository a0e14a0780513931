package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.conntrack.Expectation;

/**
 * One decoded expectation message: a NEW or DESTROY event, a dump part or a GET reply.
 *
 * @param kind what it is
 * @param expectation the decoded expectation
 * @param seq {@code nlmsg_seq}
 * @param pid {@code nlmsg_pid}
 * @param flags {@code nlmsg_flags}
 */
public record ExpectationMessage(MessageKind kind, Expectation expectation, int seq, int pid, int flags) {}
