package io.ctsync.ctl;

/** A command line that cannot be understood; the message says what was wrong and what was expected. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
