package io.ctsync.daemon.netlink;

import java.io.IOException;

/**
 * A local netlink socket operation failed (socket, bind, setsockopt, setns, a send the kernel refused):
 * carries the call, the errno and its symbolic name. Kernel replies to requests are never thrown; they
 * are reported per request.
 */
public final class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;

    public NetlinkException(String operation, int errno) {
        super(operation + " failed: " + Errnos.name(errno) + " (" + Errnos.describe(errno) + ")");
        this.operation = operation;
        this.errno = errno;
    }

    public NetlinkException(String operation, int errno, String detail) {
        super(operation + " failed: " + Errnos.name(errno) + " (" + detail + ")");
        this.operation = operation;
        this.errno = errno;
    }

    /** The failed call, e.g. {@code "setsockopt(SO_RCVBUFFORCE)"}. */
    public String operation() {
        return operation;
    }

    /** The positive errno value. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, e.g. {@code "EPERM"}. */
    public String errnoName() {
        return Errnos.name(errno);
    }
}
