/**
 * The replication filter for local conntrack events.
 *
 * <p>{@link io.ctsync.daemon.filter.KernelFilterCompiler} turns the kernel-expressible criteria (protocol,
 * addresses with the implicit loopback/sync-address ignores, TCP state, mark, zone) into a classic BPF
 * program ({@link io.ctsync.daemon.filter.BpfProgram}) for the event socket, so filtered events never reach
 * user space; {@link io.ctsync.daemon.filter.EventFilter} then decides on each decoded event with every
 * criterion, including labels and the minimum age, which only user space can apply.
 *
 * <p>DESTROY events: both filters apply the same criteria to DESTROY as to NEW/UPDATE (an entry that never
 * matched was never replicated), except the TCP state, which is never applied to DESTROY — an entry
 * replicated while ESTABLISHED must have its end replicated whether it dies in TIME_WAIT or CLOSE (conntrackd
 * filters DESTROY like any other event, so with a state list without closing states the end of a replicated
 * connection is never replicated). The engine must therefore ignore a DESTROY for an entry it does not hold.
 */
package io.ctsync.daemon.filter;
