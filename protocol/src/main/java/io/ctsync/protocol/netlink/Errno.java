package io.ctsync.protocol.netlink;

/** Linux (x86-64, generic) errno numbers that netlink replies carry, with names and short descriptions. */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    EBADF(9, "Bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOSPC(28, "No space left on device"),
    EPIPE(32, "Broken pipe"),
    ERANGE(34, "Numerical result out of range"),
    ENOSYS(38, "Function not implemented"),
    ENOTSOCK(88, "Socket operation on non-socket"),
    EMSGSIZE(90, "Message too long"),
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    ENOPROTOOPT(92, "Protocol not available"),
    EPROTONOSUPPORT(93, "Protocol not supported"),
    EOPNOTSUPP(95, "Operation not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    EADDRINUSE(98, "Address already in use"),
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETDOWN(100, "Network is down"),
    ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"),
    ENOTCONN(107, "Transport endpoint is not connected"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused");

    /** ENOTSUP has the same number as EOPNOTSUPP on Linux. */
    public static final Errno ENOTSUP = EOPNOTSUPP;

    /** Alias of EAGAIN on Linux. */
    public static final Errno EWOULDBLOCK = EAGAIN;

    private static final Errno[] BY_NUMBER = new Errno[128];

    static {
        for (Errno e : values()) {
            BY_NUMBER[e.number] = e;
        }
    }

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int number() {
        return number;
    }

    public String description() {
        return description;
    }

    /** The errno for a positive or negative number, or null if not in the table. */
    public static Errno of(int number) {
        int n = Math.abs(number);
        return n < BY_NUMBER.length ? BY_NUMBER[n] : null;
    }

    /** The symbolic name ("EEXIST"), or "errno N" for numbers outside the table. */
    public static String nameOf(int number) {
        Errno e = of(number);
        return e != null ? e.name() : "errno " + Math.abs(number);
    }

    /** "EEXIST (File exists)", or "errno N" for numbers outside the table. */
    public static String describe(int number) {
        Errno e = of(number);
        return e != null ? e.name() + " (" + e.description + ")" : "errno " + Math.abs(number);
    }
}
