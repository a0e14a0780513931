package io.ctsync.protocol.sync;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The receiver's attribute walk over a state message (compat §3.5): validates every attribute
 * and records where the payload of each known id sits (the last one of an id wins). Reused
 * between messages; not thread-safe.
 */
final class AttributeWalk {
    /** For each id: exact {@code nta_len} if positive, maximum {@code nta_len} if negated. */
    private final int[] rule;

    private final int[] at;
    private final int[] len;
    private ByteBuffer buf;

    private AttributeWalk(int[] rule) {
        this.rule = rule;
        this.at = new int[rule.length];
        this.len = new int[rule.length];
    }

    /** For conntrack messages; helper names may be up to 15 characters (compat §12 row 11). */
    static AttributeWalk forConntrack() {
        int[] rule = new int[NtaAttr.MAX];
        for (NtaAttr a : NtaAttr.values()) {
            rule[a.id()] = a.isVariable() ? -a.length() : a.length();
        }
        rule[NtaAttr.HELPER_NAME.id()] = -(Tlv.HEADER_SIZE + SyncCodecOptions.KERNEL_HELPER_NAME_MAX + 1);
        return new AttributeWalk(rule);
    }

    static AttributeWalk forExpectation() {
        int[] rule = new int[NtaExpAttr.MAX];
        for (NtaExpAttr a : NtaExpAttr.values()) {
            rule[a.id()] = a.isVariable() ? -a.length() : a.length();
        }
        rule[NtaExpAttr.HELPER_NAME.id()] = -(Tlv.HEADER_SIZE + SyncCodecOptions.KERNEL_HELPER_NAME_MAX + 1);
        return new AttributeWalk(rule);
    }

    /**
     * Walks the attributes in [start, end). Returns null if the message is acceptable, else the
     * reason to drop it. Unknown ids are a reason unless {@code skipUnknown}, in which case each
     * one is reported to {@code drops} as skipped.
     */
    SyncDropReason walk(ByteBuffer b, int start, int end, boolean skipUnknown, SyncDropSink drops) {
        this.buf = b;
        Arrays.fill(at, -1);
        int p = start;
        while (end - p > Tlv.HEADER_SIZE) {
            int ntaLen = Bytes.u16(b, p + Tlv.OFF_LEN);
            int id = Bytes.u16(b, p + Tlv.OFF_TYPE);
            if (ntaLen < Tlv.HEADER_SIZE || ntaLen > end - p) {
                return SyncDropReason.MALFORMED_PAYLOAD;
            }
            if (id >= rule.length) {
                if (!skipUnknown) {
                    return SyncDropReason.UNKNOWN_ATTRIBUTE;
                }
                drops.drop(SyncDropReason.UNKNOWN_ATTRIBUTE_SKIPPED);
            } else {
                int r = rule[id];
                if (r > 0 ? ntaLen != r : ntaLen > -r) {
                    return SyncDropReason.BAD_ATTRIBUTE_SIZE;
                }
                at[id] = p + Tlv.HEADER_SIZE;
                len[id] = ntaLen - Tlv.HEADER_SIZE;
            }
            p += Bytes.align4(ntaLen);
        }
        return null;
    }

    boolean has(int id) {
        return at[id] >= 0;
    }

    /** Payload offset of {@code id}, or -1. */
    int at(int id) {
        return at[id];
    }

    /** Payload length of {@code id}. */
    int length(int id) {
        return len[id];
    }

    int u8(int id) {
        return Bytes.u8(buf, at[id]);
    }

    int u16(int id) {
        return Bytes.u16(buf, at[id]);
    }

    int u16le(int id) {
        return Bytes.u16le(buf, at[id]);
    }

    int u32(int id) {
        return Bytes.u32(buf, at[id]);
    }

    /** The big-endian u32 at {@code index} (in u32 units) of the payload of {@code id}. */
    int u32(int id, int index) {
        return Bytes.u32(buf, at[id] + 4 * index);
    }

    /** The big-endian u16 at {@code index} (in u16 units) of the payload of {@code id}. */
    int u16(int id, int index) {
        return Bytes.u16(buf, at[id] + 2 * index);
    }

    ByteBuffer buffer() {
        return buf;
    }
}
