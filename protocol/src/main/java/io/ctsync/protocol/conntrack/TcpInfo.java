package io.ctsync.protocol.conntrack;

import java.util.Objects;

/**
 * TCP protocol info ({@code CTA_PROTOINFO_TCP}). Flags travel as {flags, mask} byte pairs per
 * direction; window scales apply only when both directions carry {@link TcpFlags#WINDOW_SCALE}.
 * Absent parts are {@link #ABSENT}.
 *
 * @param state the TCP conntrack state
 * @param originalFlags original-direction flags (0-255) or {@link #ABSENT}
 * @param originalMask original-direction mask (0-255); ignored when the flags are absent
 * @param replyFlags reply-direction flags or {@link #ABSENT}
 * @param replyMask reply-direction mask
 * @param originalWscale original window scale (0-255) or {@link #ABSENT}
 * @param replyWscale reply window scale or {@link #ABSENT}
 */
public record TcpInfo(
        TcpState state,
        int originalFlags,
        int originalMask,
        int replyFlags,
        int replyMask,
        int originalWscale,
        int replyWscale) {
    public static final int ABSENT = -1;

    public TcpInfo {
        Objects.requireNonNull(state, "state");
        checkByte(originalFlags, true);
        checkByte(replyFlags, true);
        checkByte(originalWscale, true);
        checkByte(replyWscale, true);
        checkByte(originalMask, false);
        checkByte(replyMask, false);
        if (originalFlags == ABSENT) {
            originalMask = 0;
        }
        if (replyFlags == ABSENT) {
            replyMask = 0;
        }
    }

    private static void checkByte(int v, boolean absentAllowed) {
        if ((v & ~0xff) != 0 && !(absentAllowed && v == ABSENT)) {
            throw new IllegalArgumentException("value out of u8 range: " + v);
        }
    }

    /** Only the state. */
    public static TcpInfo of(TcpState state) {
        return new TcpInfo(state, ABSENT, 0, ABSENT, 0, ABSENT, ABSENT);
    }

    /** State with the same flags and masks in both directions (what a create request sends). */
    public static TcpInfo withFlags(TcpState state, int flags, int mask) {
        return new TcpInfo(state, flags, mask, flags, mask, ABSENT, ABSENT);
    }

    public boolean hasOriginalFlags() {
        return originalFlags != ABSENT;
    }

    public boolean hasReplyFlags() {
        return replyFlags != ABSENT;
    }

    public TcpInfo withState(TcpState newState) {
        return new TcpInfo(newState, originalFlags, originalMask, replyFlags, replyMask, originalWscale, replyWscale);
    }

    /** Without window scales (they are not sent on create). */
    public TcpInfo withoutWscale() {
        return new TcpInfo(state, originalFlags, originalMask, replyFlags, replyMask, ABSENT, ABSENT);
    }
}
