package io.ctsync.protocol.sync;

/**
 * A decoded sync message: a control message, or a conntrack or expectation state message. All
 * implementations are immutable and independent of the received bytes.
 */
public sealed interface SyncMessage permits ControlMessage, ConntrackStateMessage, ExpectationStateMessage {
    SyncMessageType type();

    /** The flags byte, HELLO / HELLO_BACK included. */
    int flags();

    int seq();

    default boolean isHello() {
        return SyncFlags.isHello(flags());
    }

    default boolean isHelloBack() {
        return SyncFlags.isHelloBack(flags());
    }
}
