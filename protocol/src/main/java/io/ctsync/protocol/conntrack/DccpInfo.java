package io.ctsync.protocol.conntrack;

import java.util.Objects;

/**
 * DCCP protocol info ({@code CTA_PROTOINFO_DCCP}). Absent parts are {@link #ABSENT} (role) or
 * {@link #NO_HANDSHAKE_SEQ}.
 *
 * @param state the DCCP conntrack state
 * @param role {@link #ROLE_CLIENT}, {@link #ROLE_SERVER} (any u8) or {@link #ABSENT}
 * @param handshakeSeq handshake sequence number (48 bits on the wire as be64) or {@link
 *     #NO_HANDSHAKE_SEQ}
 */
public record DccpInfo(DccpState state, int role, long handshakeSeq) {
    public static final int ABSENT = -1;
    public static final long NO_HANDSHAKE_SEQ = Long.MIN_VALUE;
    public static final int ROLE_CLIENT = 0;
    public static final int ROLE_SERVER = 1;

    public DccpInfo {
        Objects.requireNonNull(state, "state");
        if ((role & ~0xff) != 0 && role != ABSENT) {
            throw new IllegalArgumentException("role out of u8 range: " + role);
        }
    }

    public boolean hasRole() {
        return role != ABSENT;
    }

    public boolean hasHandshakeSeq() {
        return handshakeSeq != NO_HANDSHAKE_SEQ;
    }
}
