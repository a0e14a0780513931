package io.ctsync.protocol.netlink;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds netlink messages back to back into one buffer (a batch for a single {@code sendto}):
 * headers in host order, payload integers big-endian, every attribute zero-padded to 4 bytes.
 *
 * <p>Writes use absolute indexes from index 0 of the buffer; its position and limit are ignored
 * and left alone. Send bytes {@code [0, length())}. Running out of room throws {@link
 * BufferOverflowException} and leaves the already completed messages intact; {@link
 * #abortMessage()} then discards the partial one. Not thread-safe; reuse one instance per socket.
 */
public final class NetlinkMessageWriter {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int MAX_DEPTH = 16;

    private final ByteBuffer buf;
    private final int capacity;
    private int pos;
    private int messageStart = -1;
    private int lastMessage = -1;
    private int messageCount;
    private int depth;

    /** Uses {@code buffer} (typically direct), switching its byte order to native. */
    public NetlinkMessageWriter(ByteBuffer buffer) {
        this.buf = buffer.order(ByteOrder.nativeOrder());
        this.capacity = buffer.capacity();
    }

    /** Allocates its own direct buffer of {@code capacity} bytes. */
    public static NetlinkMessageWriter allocate(int capacity) {
        return new NetlinkMessageWriter(ByteBuffer.allocateDirect(capacity));
    }

    /** The underlying buffer, native order; the batch occupies indexes {@code [0, length())}. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** A new view of the completed bytes: position 0, limit {@link #length()}, native order. */
    public ByteBuffer flip() {
        return buf.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(length());
    }

    /** Bytes of completed messages (an open message is not counted). */
    public int length() {
        return messageStart >= 0 ? messageStart : pos;
    }

    /** Bytes written so far, including an open message. */
    public int position() {
        return pos;
    }

    public int capacity() {
        return capacity;
    }

    public int remaining() {
        return capacity - pos;
    }

    public int messageCount() {
        return messageCount;
    }

    public boolean inMessage() {
        return messageStart >= 0;
    }

    /** Offset of the last completed message, or -1. */
    public int lastMessageOffset() {
        return lastMessage;
    }

    /** Forgets everything written; the bytes are overwritten by the next messages. */
    public void reset() {
        pos = 0;
        messageStart = -1;
        lastMessage = -1;
        messageCount = 0;
        depth = 0;
    }

    public NetlinkMessageWriter beginMessage(int type, int flags, int seq, int pid) {
        if (messageStart >= 0) {
            throw new IllegalStateException("previous message not ended");
        }
        int start = pos;
        ensure(Netlink.NLMSG_HDRLEN);
        messageStart = start;
        depth = 0;
        buf.putInt(start + Netlink.OFF_LEN, 0);
        buf.putShort(start + Netlink.OFF_TYPE, (short) type);
        buf.putShort(start + Netlink.OFF_FLAGS, (short) flags);
        buf.putInt(start + Netlink.OFF_SEQ, seq);
        buf.putInt(start + Netlink.OFF_PID, pid);
        pos = start + Netlink.NLMSG_HDRLEN;
        return this;
    }

    /** Appends the 4-byte nfgenmsg; {@code resId} is written big-endian. */
    public NetlinkMessageWriter nfgenmsg(int family, int version, int resId) {
        requireMessage();
        ensure(Nfnetlink.NFGENMSG_LEN);
        buf.put(pos, (byte) family);
        buf.put(pos + 1, (byte) version);
        buf.putShort(pos + 2, be16(resId));
        pos += Nfnetlink.NFGENMSG_LEN;
        return this;
    }

    /** Appends raw payload bytes directly after the header (not an attribute), padded. */
    public NetlinkMessageWriter putRaw(byte[] bytes) {
        requireMessage();
        int padded = Netlink.align(bytes.length);
        ensure(padded);
        buf.put(pos, bytes, 0, bytes.length);
        zero(pos + bytes.length, padded - bytes.length);
        pos += padded;
        return this;
    }

    /** A zero-length attribute (a flag). */
    public NetlinkMessageWriter putEmpty(int type) {
        attrHeader(type, 0);
        return this;
    }

    public NetlinkMessageWriter putU8(int type, int value) {
        int p = attrHeader(type, 1);
        buf.put(p, (byte) value);
        buf.put(p + 1, (byte) 0);
        buf.putShort(p + 2, (short) 0);
        return this;
    }

    public NetlinkMessageWriter putBe16(int type, int value) {
        int p = attrHeader(type, 2);
        buf.putShort(p, be16(value));
        buf.putShort(p + 2, (short) 0);
        return this;
    }

    public NetlinkMessageWriter putBe32(int type, int value) {
        int p = attrHeader(type, 4);
        buf.putInt(p, LITTLE ? Integer.reverseBytes(value) : value);
        return this;
    }

    public NetlinkMessageWriter putBe64(int type, long value) {
        int p = attrHeader(type, 8);
        buf.putLong(p, LITTLE ? Long.reverseBytes(value) : value);
        return this;
    }

    /** 16 bytes big-endian: {@code hi} then {@code lo} (an IPv6 address in network order). */
    public NetlinkMessageWriter putBe128(int type, long hi, long lo) {
        int p = attrHeader(type, 16);
        buf.putLong(p, LITTLE ? Long.reverseBytes(hi) : hi);
        buf.putLong(p + 8, LITTLE ? Long.reverseBytes(lo) : lo);
        return this;
    }

    /** A host-order u32 (netlink core attributes, {@code CTA_FILTER_*_FLAGS}). */
    public NetlinkMessageWriter putU32(int type, int value) {
        int p = attrHeader(type, 4);
        buf.putInt(p, value);
        return this;
    }

    public NetlinkMessageWriter putBytes(int type, byte[] value) {
        return putBytes(type, value, 0, value.length);
    }

    public NetlinkMessageWriter putBytes(int type, byte[] value, int offset, int length) {
        int p = attrHeader(type, length);
        buf.put(p, value, offset, length);
        zero(p + length, Netlink.align(length) - length);
        return this;
    }

    /** A NUL-terminated string (UTF-8; ASCII without allocation). */
    public NetlinkMessageWriter putString(int type, String value) {
        int n = value.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) >= 0x80 || value.charAt(i) == 0) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int p = attrHeader(type, bytes.length + 1);
            buf.put(p, bytes, 0, bytes.length);
            zero(p + bytes.length, Netlink.align(bytes.length + 1) - bytes.length);
            return this;
        }
        int p = attrHeader(type, n + 1);
        for (int i = 0; i < n; i++) {
            buf.put(p + i, (byte) value.charAt(i));
        }
        zero(p + n, Netlink.align(n + 1) - n);
        return this;
    }

    /** Opens a nest (sets {@link Netlink#NLA_F_NESTED}); returns the handle for {@link #endNested}. */
    public int beginNested(int type) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalStateException("nesting too deep");
        }
        int start = pos;
        attrHeader(type | Netlink.NLA_F_NESTED, 0);
        depth++;
        return start;
    }

    public NetlinkMessageWriter endNested(int handle) {
        requireMessage();
        if (handle < messageStart || handle >= pos || depth == 0) {
            throw new IllegalStateException("bad nest handle " + handle);
        }
        int len = pos - handle;
        if (len > 0xffff) {
            throw new IllegalStateException("nested attribute longer than 65535 bytes");
        }
        buf.putShort(handle + Netlink.NLA_OFF_LEN, (short) len);
        depth--;
        return this;
    }

    /** Patches {@code nlmsg_len} and completes the message; returns the message's offset. */
    public int endMessage() {
        requireMessage();
        if (depth != 0) {
            throw new IllegalStateException("unclosed nested attribute");
        }
        int start = messageStart;
        buf.putInt(start + Netlink.OFF_LEN, pos - start);
        lastMessage = start;
        messageStart = -1;
        messageCount++;
        return start;
    }

    /** Discards the open message, if any, keeping the completed ones. */
    public void abortMessage() {
        if (messageStart >= 0) {
            pos = messageStart;
            messageStart = -1;
            depth = 0;
        }
    }

    /** ORs {@code flags} into the {@code nlmsg_flags} of the completed message at {@code offset}. */
    public void addFlags(int messageOffset, int flags) {
        if (messageOffset < 0 || messageOffset + Netlink.NLMSG_HDRLEN > length()) {
            throw new IllegalArgumentException("no message at " + messageOffset);
        }
        int i = messageOffset + Netlink.OFF_FLAGS;
        buf.putShort(i, (short) (buf.getShort(i) | flags));
    }

    /** Sets {@link Netlink#NLM_F_ACK} on the last completed message (ACK on the last of a batch). */
    public void setAckOnLastMessage() {
        if (lastMessage < 0) {
            throw new IllegalStateException("no message written");
        }
        addFlags(lastMessage, Netlink.NLM_F_ACK);
    }

    public int flagsAt(int messageOffset) {
        return buf.getShort(messageOffset + Netlink.OFF_FLAGS) & 0xffff;
    }

    public int seqAt(int messageOffset) {
        return buf.getInt(messageOffset + Netlink.OFF_SEQ);
    }

    private int attrHeader(int type, int payloadLength) {
        requireMessage();
        int total = Netlink.NLA_HDRLEN + payloadLength;
        if (total > 0xffff) {
            throw new IllegalArgumentException("attribute longer than 65535 bytes");
        }
        ensure(Netlink.align(total));
        int p = pos;
        buf.putShort(p + Netlink.NLA_OFF_LEN, (short) total);
        buf.putShort(p + Netlink.NLA_OFF_TYPE, (short) type);
        pos = p + Netlink.align(total);
        return p + Netlink.NLA_HDRLEN;
    }

    private void zero(int from, int count) {
        for (int i = 0; i < count; i++) {
            buf.put(from + i, (byte) 0);
        }
    }

    private void ensure(int bytes) {
        if (capacity - pos < bytes) {
            throw new BufferOverflowException();
        }
    }

    private void requireMessage() {
        if (messageStart < 0) {
            throw new IllegalStateException("no message begun");
        }
    }

    private static short be16(int v) {
        short s = (short) v;
        return LITTLE ? Short.reverseBytes(s) : s;
    }
}
