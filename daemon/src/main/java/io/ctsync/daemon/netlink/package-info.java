/**
 * The daemon's netlink layer: raw {@code NETLINK_NETFILTER} sockets over a dozen libc calls (jnr-ffi), one
 * socket per role and per network namespace.
 *
 * <ul>
 *   <li>{@link io.ctsync.daemon.netlink.NetlinkSocket} and {@link io.ctsync.daemon.netlink.NetworkNamespace}:
 *       sockets created on a thread that entered the wanted namespace; options; send, receive, recvmmsg.
 *   <li>{@link io.ctsync.daemon.netlink.ConntrackEventSubscriber} (over {@link
 *       io.ctsync.daemon.netlink.EventSubscriber}): one blocking reader thread, 160 MiB forced receive
 *       buffer by default, overruns reported as "events lost", decoded events in batches, tagged with the
 *       port id of the socket that caused them.
 *   <li>{@link io.ctsync.daemon.netlink.ConntrackDump} (over {@link io.ctsync.daemon.netlink.DumpReader}):
 *       streaming dumps on their own socket, ended only by {@code NLMSG_DONE}.
 *   <li>{@link io.ctsync.daemon.netlink.BatchRequestWriter} with {@link
 *       io.ctsync.daemon.netlink.ConntrackRequests}: hundreds of requests per {@code sendto}, ACK on the
 *       last, every kernel error mapped back to its item.
 * </ul>
 *
 * <p>Local set-up failures throw {@link io.ctsync.daemon.netlink.NetlinkException}; kernel replies and
 * received input never throw, they are reported per request or counted.
 */
package io.ctsync.daemon.netlink;
