package io.ctsync.daemon.netlink;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The loaded {@link LibC} binding and its jnr runtime, shared by the whole netlink layer. */
final class Native {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {}

    /** The errno of the last native call on this thread; read it right after the failing call. */
    static int errno() {
        return RUNTIME.getLastError();
    }
}
