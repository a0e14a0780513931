package io.ctsync.protocol.sync;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import java.util.Objects;

/**
 * A decoded CT_NEW, CT_UPD or CT_DEL message. The entry is the receiver's view described in
 * {@link SyncDecoder}.
 *
 * @param type {@link SyncMessageType#CT_NEW}, {@link SyncMessageType#CT_UPD} or {@link
 *     SyncMessageType#CT_DEL}
 * @param flags HELLO / HELLO_BACK or 0
 * @param seq the sender's sequence number
 * @param entry the entry as the receiver holds it
 */
public record ConntrackStateMessage(SyncMessageType type, int flags, int seq, ConntrackEntry entry)
        implements SyncMessage {
    public ConntrackStateMessage {
        if (type == null || !type.isConntrack()) {
            throw new IllegalArgumentException("not a conntrack message type: " + type);
        }
        Objects.requireNonNull(entry, "entry");
    }
}
