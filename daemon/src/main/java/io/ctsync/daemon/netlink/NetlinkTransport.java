package io.ctsync.daemon.netlink;

/**
 * One netlink socket as the request writer and dump reader see it: send a datagram to the kernel, receive
 * one reply datagram. {@link NetlinkSocket} is the real one; tests substitute a scripted kernel.
 */
public interface NetlinkTransport extends AutoCloseable {

    /** The socket's netlink port id (nl_pid), echoed in the nlmsg_pid of events its requests cause. */
    int portId();

    /**
     * Sends bytes {@code [offset, offset + length)} of {@code buffer} to the kernel as one datagram.
     *
     * @return the number of bytes sent, or {@code -errno}
     */
    int send(NativeBuffer buffer, int offset, int length);

    /**
     * Receives one datagram into {@code [offset, offset + capacity)} of {@code buffer}, blocking up to the
     * receive timeout unless {@code dontWait}.
     *
     * @return the datagram's full length (larger than {@code capacity} when it was truncated), or {@code
     *     -errno}: {@code -EAGAIN} when nothing arrived in time, {@code -ENOBUFS} when the kernel dropped
     *     messages for this socket
     */
    int receive(NativeBuffer buffer, int offset, int capacity, boolean dontWait);

    /** A blocking {@link #receive(NativeBuffer, int, int, boolean)}. */
    default int receive(NativeBuffer buffer, int offset, int capacity) {
        return receive(buffer, offset, capacity, false);
    }

    @Override
    void close();
}
