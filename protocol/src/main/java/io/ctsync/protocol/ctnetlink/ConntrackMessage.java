package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.conntrack.ConntrackEntry;

/**
 * One decoded conntrack message: an event, a dump part or a GET reply.
 *
 * @param kind what it is
 * @param entry the decoded entry
 * @param seq {@code nlmsg_seq}: 0 for events, the request's seq otherwise
 * @param pid {@code nlmsg_pid}: for events, the port id of the socket whose request caused the
 *     change (0 for packet-path and timer events) — how own changes are recognised
 * @param flags {@code nlmsg_flags} (e.g. {@code NLM_F_DUMP_INTR} on dump parts)
 */
public record ConntrackMessage(MessageKind kind, ConntrackEntry entry, int seq, int pid, int flags) {}
