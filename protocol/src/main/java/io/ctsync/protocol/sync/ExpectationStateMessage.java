package io.ctsync.protocol.sync;

import io.ctsync.protocol.conntrack.Expectation;
import java.util.Objects;

/**
 * A decoded EXP_NEW, EXP_UPD or EXP_DEL message.
 *
 * @param type {@link SyncMessageType#EXP_NEW}, {@link SyncMessageType#EXP_UPD} or {@link
 *     SyncMessageType#EXP_DEL}
 * @param flags HELLO / HELLO_BACK or 0
 * @param seq the sender's sequence number
 * @param expectation the expectation as the receiver holds it (see {@link SyncDecoder})
 */
public record ExpectationStateMessage(SyncMessageType type, int flags, int seq, Expectation expectation)
        implements SyncMessage {
    public ExpectationStateMessage {
        if (type == null || !type.isExpectation()) {
            throw new IllegalArgumentException("not an expectation message type: " + type);
        }
        Objects.requireNonNull(expectation, "expectation");
    }
}
