package io.ctsync.ctl;

/** The exit codes of {@code ctsyncctl}; each failure class has its own, so scripts can tell them apart. */
public enum ExitCode {
    OK(0),
    /** The daemon received the request but could not carry it out, or the reply broke off. */
    COMMAND_FAILED(1),
    /** Unknown command, flag or parameter, or a bad combination of them. */
    USAGE(2),
    /** No daemon listens on the control socket (missing socket file, or connection refused). */
    NOT_RUNNING(3),
    /** The socket exists but this user may not connect to it. */
    PERMISSION_DENIED(4),
    /** The configuration file named with -C or --config cannot be read or is invalid. */
    CONFIG_ERROR(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
