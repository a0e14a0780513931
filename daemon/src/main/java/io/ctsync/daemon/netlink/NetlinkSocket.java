package io.ctsync.daemon.netlink;

import static io.ctsync.daemon.netlink.LinuxConstants.*;

import java.time.Duration;

/**
 * A raw {@code AF_NETLINK} socket (by default {@code NETLINK_NETFILTER}) owned by one role: creation and
 * binding in the calling thread's network namespace, the socket options ctsync uses, and datagram send,
 * receive and {@code recvmmsg}. Option setters are for set-up and throw {@link NetlinkException}; the
 * data path returns {@code -errno} instead of throwing.
 */
public final class NetlinkSocket implements NetlinkTransport {
    private static final LibC LIBC = Native.LIBC;

    private final int fd;
    private final int portId;
    private final NativeBuffer scratch = NativeBuffer.allocate(64);
    private volatile boolean closed;

    private NetlinkSocket(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /** Opens and binds a {@code NETLINK_NETFILTER} socket in the calling thread's network namespace. */
    public static NetlinkSocket open() throws NetlinkException {
        return open(NETLINK_NETFILTER);
    }

    /**
     * Opens a netlink socket of the given protocol in the calling thread's network namespace and binds it
     * with a kernel-chosen port id.
     */
    public static NetlinkSocket open(int protocol) throws NetlinkException {
        int fd = LIBC.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw new NetlinkException("socket(AF_NETLINK, " + protocol + ")", Native.errno());
        }
        try {
            NativeBuffer addr = NativeBuffer.allocate(16);
            NativeStructs.writeSockaddrNl(addr.buffer(), 0, 0, 0);
            if (LIBC.bind(fd, addr.address(), NativeStructs.SOCKADDR_NL_SIZE) < 0) {
                throw new NetlinkException("bind(AF_NETLINK)", Native.errno());
            }
            addr.buffer().putInt(12, NativeStructs.SOCKADDR_NL_SIZE);
            if (LIBC.getsockname(fd, addr.address(), addr.address(12)) < 0) {
                throw new NetlinkException("getsockname", Native.errno());
            }
            int pid = addr.buffer().getInt(NativeStructs.SOCKADDR_NL_PID);
            return new NetlinkSocket(fd, pid);
        } catch (NetlinkException e) {
            LIBC.close(fd);
            throw e;
        }
    }

    @Override
    public int portId() {
        return portId;
    }

    /** The file descriptor, for diagnostics. */
    public int fd() {
        return fd;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Sets the receive buffer so that its effective size (what {@code SO_RCVBUF} reports; the kernel doubles
     * the requested value) is about {@code effectiveBytes}: {@code SO_RCVBUFFORCE} first, {@code SO_RCVBUF}
     * (capped by {@code net.core.rmem_max}) when forcing is not permitted.
     *
     * @return the effective size now in force
     */
    public synchronized int setReceiveBuffer(int effectiveBytes) throws NetlinkException {
        setBuffer(SO_RCVBUFFORCE, SO_RCVBUF, "SO_RCVBUF", effectiveBytes);
        return receiveBuffer();
    }

    /** Like {@link #setReceiveBuffer} for the send buffer, which caps a request datagram's size. */
    public synchronized int setSendBuffer(int effectiveBytes) throws NetlinkException {
        setBuffer(SO_SNDBUFFORCE, SO_SNDBUF, "SO_SNDBUF", effectiveBytes);
        return sendBuffer();
    }

    private void setBuffer(int forced, int plain, String name, int effectiveBytes) throws NetlinkException {
        int requested = Math.max(1, effectiveBytes / 2);
        scratch.buffer().putInt(0, requested);
        if (LIBC.setsockopt(fd, SOL_SOCKET, forced, scratch.address(), 4) == 0) {
            return;
        }
        int err = Native.errno();
        if (err != EPERM) {
            throw new NetlinkException("setsockopt(" + name + "FORCE)", err);
        }
        scratch.buffer().putInt(0, requested);
        if (LIBC.setsockopt(fd, SOL_SOCKET, plain, scratch.address(), 4) != 0) {
            throw new NetlinkException("setsockopt(" + name + ")", Native.errno());
        }
    }

    /** The effective receive buffer size in bytes ({@code SO_RCVBUF}). */
    public synchronized int receiveBuffer() throws NetlinkException {
        return getIntOption(SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");
    }

    /** The effective send buffer size in bytes ({@code SO_SNDBUF}). */
    public synchronized int sendBuffer() throws NetlinkException {
        return getIntOption(SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF");
    }

    /** Joins a multicast group, e.g. {@code NFNLGRP_CONNTRACK_NEW} = 1. */
    public synchronized void joinGroup(int group) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP(" + group + ")");
    }

    public synchronized void leaveGroup(int group) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, group, "NETLINK_DROP_MEMBERSHIP(" + group + ")");
    }

    /** {@code NETLINK_BROADCAST_ERROR}: failed deliveries to this socket are reported to the sender. */
    public synchronized void setBroadcastError(boolean on) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_BROADCAST_ERROR, on ? 1 : 0, "NETLINK_BROADCAST_ERROR");
    }

    /** {@code NETLINK_NO_ENOBUFS}: overruns are no longer reported as ENOBUFS. */
    public synchronized void setNoEnobufs(boolean on) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_NO_ENOBUFS, on ? 1 : 0, "NETLINK_NO_ENOBUFS");
    }

    /** {@code NETLINK_CAP_ACK}: ACKs and errors do not echo the request payload. */
    public synchronized void setCapAck(boolean on) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_CAP_ACK, on ? 1 : 0, "NETLINK_CAP_ACK");
    }

    /** {@code NETLINK_EXT_ACK}: errors may carry extended-ACK attributes (message text, offset). */
    public synchronized void setExtAck(boolean on) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_EXT_ACK, on ? 1 : 0, "NETLINK_EXT_ACK");
    }

    /** {@code SO_RCVTIMEO}: a blocking receive returns {@code -EAGAIN} after this long; zero blocks forever. */
    public synchronized void setReceiveTimeout(Duration timeout) throws NetlinkException {
        long micros = Math.max(0, timeout.toNanos() / 1000);
        if (micros == 0 && !timeout.isZero()) {
            micros = 1;
        }
        NativeStructs.writeTimeval(scratch.buffer(), 0, micros / 1_000_000, micros % 1_000_000);
        if (LIBC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, scratch.address(), NativeStructs.TIMEVAL_SIZE) != 0) {
            throw new NetlinkException("setsockopt(SO_RCVTIMEO)", Native.errno());
        }
    }

    /**
     * Attaches a classic BPF program ({@code SO_ATTACH_FILTER}); instruction {@code i} is {@code {code[i],
     * jt[i], jf[i], k[i]}}. The program sees each datagram from its first {@code nlmsghdr} on.
     */
    public synchronized void attachFilter(short[] code, byte[] jt, byte[] jf, int[] k) throws NetlinkException {
        int n = code.length;
        if (n == 0 || n > 4096 || jt.length != n || jf.length != n || k.length != n) {
            throw new IllegalArgumentException("BPF program needs 1..4096 instructions and equal array lengths");
        }
        NativeBuffer prog = NativeBuffer.allocate(NativeStructs.SOCK_FPROG_SIZE + n * NativeStructs.SOCK_FILTER_SIZE);
        int base = NativeStructs.SOCK_FPROG_SIZE;
        for (int i = 0; i < n; i++) {
            NativeStructs.writeSockFilter(
                    prog.buffer(), base + i * NativeStructs.SOCK_FILTER_SIZE, code[i], jt[i], jf[i], k[i]);
        }
        NativeStructs.writeSockFprog(prog.buffer(), 0, n, prog.address(base));
        if (LIBC.setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, prog.address(), NativeStructs.SOCK_FPROG_SIZE) != 0) {
            throw new NetlinkException("setsockopt(SO_ATTACH_FILTER)", Native.errno());
        }
    }

    /** Attaches {@code filter} ({@code SO_ATTACH_FILTER}). */
    public void attachFilter(SocketFilter filter) throws NetlinkException {
        attachFilter(filter.code(), filter.jt(), filter.jf(), filter.k());
    }

    public synchronized void detachFilter() throws NetlinkException {
        setIntOption(SOL_SOCKET, SO_DETACH_FILTER, 0, "SO_DETACH_FILTER");
    }

    @Override
    public int send(NativeBuffer buffer, int offset, int length) {
        checkRange(buffer, offset, length);
        if (closed) {
            return -EBADF;
        }
        while (true) {
            long n = LIBC.sendto(fd, buffer.address(offset), length, 0, null, 0);
            if (n >= 0) {
                return (int) n;
            }
            int err = Native.errno();
            if (err != EINTR) {
                return -err;
            }
        }
    }

    /**
     * Sends a datagram to another netlink socket's port id in the same namespace (needs {@code
     * CAP_NET_ADMIN}); for tests that feed a reader crafted input.
     */
    int sendToPort(NativeBuffer buffer, int offset, int length, int destinationPortId) {
        checkRange(buffer, offset, length);
        NativeBuffer addr = NativeBuffer.allocate(NativeStructs.SOCKADDR_NL_SIZE);
        NativeStructs.writeSockaddrNl(addr.buffer(), 0, destinationPortId, 0);
        long n = LIBC.sendto(
                fd,
                buffer.address(offset),
                length,
                0,
                jnr.ffi.Pointer.wrap(Native.RUNTIME, addr.address()),
                NativeStructs.SOCKADDR_NL_SIZE);
        return n >= 0 ? (int) n : -Native.errno();
    }

    @Override
    public int receive(NativeBuffer buffer, int offset, int capacity, boolean dontWait) {
        return receiveWithFlags(buffer, offset, capacity, dontWait ? MSG_DONTWAIT : 0);
    }

    private int receiveWithFlags(NativeBuffer buffer, int offset, int capacity, int flags) {
        checkRange(buffer, offset, capacity);
        if (closed) {
            return -EBADF;
        }
        while (true) {
            long n = LIBC.recv(fd, buffer.address(offset), capacity, flags | MSG_TRUNC);
            if (n >= 0) {
                return (int) n;
            }
            int err = Native.errno();
            if (err != EINTR) {
                return -err;
            }
        }
    }

    /**
     * Receives up to {@code batch.slots()} datagrams with one {@code recvmmsg} call: blocks (up to the
     * receive timeout) for the first, then takes what is queued without waiting.
     *
     * @return the number of datagrams received, or {@code -errno} ({@code -EAGAIN} on timeout, {@code
     *     -ENOBUFS} on overrun)
     */
    public int receive(ReceiveBatch batch) {
        batch.reset();
        if (closed) {
            return -EBADF;
        }
        while (true) {
            int n = LIBC.recvmmsg(fd, batch.vectorAddress(), batch.slots(), MSG_WAITFORONE, 0L);
            if (n >= 0) {
                batch.received(n);
                return n;
            }
            int err = Native.errno();
            if (err != EINTR) {
                return -err;
            }
        }
    }

    /** Closes the descriptor; call it only once no thread can still be inside a receive on it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LIBC.close(fd);
        }
    }

    private void setIntOption(int level, int option, int value, String name) throws NetlinkException {
        scratch.buffer().putInt(0, value);
        if (LIBC.setsockopt(fd, level, option, scratch.address(), 4) != 0) {
            throw new NetlinkException("setsockopt(" + name + ")", Native.errno());
        }
    }

    private int getIntOption(int level, int option, String name) throws NetlinkException {
        scratch.buffer().putInt(0, 0);
        scratch.buffer().putInt(8, 4);
        if (LIBC.getsockopt(fd, level, option, scratch.address(), scratch.address(8)) != 0) {
            throw new NetlinkException("getsockopt(" + name + ")", Native.errno());
        }
        return scratch.buffer().getInt(0);
    }

    private static void checkRange(NativeBuffer buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.capacity()) {
            throw new IndexOutOfBoundsException(
                    "range [" + offset + ", " + (offset + length) + ") outside buffer of " + buffer.capacity());
        }
    }
}
