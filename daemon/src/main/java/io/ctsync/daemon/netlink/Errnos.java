package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.Errno;

/** Symbolic names and libc descriptions of errno values for messages and results. */
final class Errnos {
    private Errnos() {}

    /** The symbolic name, e.g. {@code EEXIST}; {@code errno N} when unknown. */
    static String name(int errno) {
        return Errno.nameOf(errno);
    }

    /** libc's description (strerror); call it only after errno has been read. */
    static String describe(int errno) {
        try {
            String s = Native.LIBC.strerror(errno);
            return s == null ? "errno " + errno : s;
        } catch (RuntimeException | LinkageError e) {
            return "errno " + errno;
        }
    }
}
