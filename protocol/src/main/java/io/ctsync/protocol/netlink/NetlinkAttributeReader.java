package io.ctsync.protocol.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Allocation-free cursor over a run of netlink attributes (a message's attributes or a nest's
 * children). Each {@link #next()} validates {@code nla_len} (at least 4, within the run) and
 * exposes the masked type; fewer than 4 trailing bytes are ignored, as the kernel does. Typed
 * getters read host-order headers and big-endian payloads by absolute index. Never throws on
 * malformed input: check {@link #error()} after the loop.
 */
public final class NetlinkAttributeReader {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ByteBuffer buf;
    private int end;
    private int next;
    private int type;
    private boolean nested;
    private int payload;
    private int payloadLength;
    private DropReason error;

    public NetlinkAttributeReader() {}

    /** Iterates attributes in {@code [offset, offset + length)} of a native-order buffer. */
    public NetlinkAttributeReader reset(ByteBuffer buffer, int offset, int length) {
        this.buf = buffer.order() == ByteOrder.nativeOrder()
                ? buffer
                : buffer.duplicate().order(ByteOrder.nativeOrder());
        if (offset < 0 || length < 0 || offset + length > buf.capacity()) {
            this.next = 0;
            this.end = 0;
            this.error = DropReason.BAD_ATTRIBUTE_LENGTH;
            return this;
        }
        this.next = offset;
        this.end = offset + length;
        this.error = null;
        this.payload = -1;
        this.payloadLength = 0;
        return this;
    }

    /** Iterates the children of the current attribute of {@code parent}. */
    public NetlinkAttributeReader resetToChildren(NetlinkAttributeReader parent) {
        return reset(parent.buf, parent.payload, parent.payloadLength);
    }

    public boolean next() {
        if (error != null) {
            return false;
        }
        int left = end - next;
        if (left < Netlink.NLA_HDRLEN) {
            next = end;
            return false;
        }
        int len = buf.getShort(next + Netlink.NLA_OFF_LEN) & 0xffff;
        if (len < Netlink.NLA_HDRLEN || len > left) {
            error = DropReason.BAD_ATTRIBUTE_LENGTH;
            next = end;
            return false;
        }
        int rawType = buf.getShort(next + Netlink.NLA_OFF_TYPE) & 0xffff;
        type = rawType & Netlink.NLA_TYPE_MASK;
        nested = (rawType & Netlink.NLA_F_NESTED) != 0;
        payload = next + Netlink.NLA_HDRLEN;
        payloadLength = len - Netlink.NLA_HDRLEN;
        int step = Netlink.align(len);
        next = step >= left ? end : next + step;
        return true;
    }

    /** Null if all attributes so far were well-formed. */
    public DropReason error() {
        return error;
    }

    /** Marks the run as malformed (e.g. a payload of the wrong size found by the caller) and stops it. */
    public void fail(DropReason reason) {
        if (error == null) {
            error = reason;
        }
        next = end;
    }

    /** The attribute type with {@code NLA_F_NESTED} and {@code NLA_F_NET_BYTEORDER} masked off. */
    public int type() {
        return type;
    }

    public boolean nestedFlag() {
        return nested;
    }

    public int payloadOffset() {
        return payload;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public int u8() {
        return buf.get(payload) & 0xff;
    }

    public int be16() {
        short s = buf.getShort(payload);
        return (LITTLE ? Short.reverseBytes(s) : s) & 0xffff;
    }

    public int be32() {
        int v = buf.getInt(payload);
        return LITTLE ? Integer.reverseBytes(v) : v;
    }

    public long be64() {
        long v = buf.getLong(payload);
        return LITTLE ? Long.reverseBytes(v) : v;
    }

    /** A big-endian 64-bit value {@code delta} bytes into the payload (e.g. the halves of an IPv6 address). */
    public long be64(int delta) {
        long v = buf.getLong(payload + delta);
        return LITTLE ? Long.reverseBytes(v) : v;
    }

    /** Host-order u32 (netlink core attributes). */
    public int u32() {
        return buf.getInt(payload);
    }

    public byte[] bytes() {
        byte[] b = new byte[payloadLength];
        buf.get(payload, b, 0, payloadLength);
        return b;
    }

    /** The payload as a string up to the first NUL (or its end), decoded as UTF-8. */
    public String string() {
        int n = 0;
        while (n < payloadLength && buf.get(payload + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        buf.get(payload, b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Checks that the payload has exactly {@code size} bytes; on failure marks the run {@link
     * DropReason#BAD_ATTRIBUTE_SIZE} and returns false.
     */
    public boolean expectSize(int size) {
        if (payloadLength != size) {
            fail(DropReason.BAD_ATTRIBUTE_SIZE);
            return false;
        }
        return true;
    }

    /** Like {@link #expectSize} but accepts longer payloads. */
    public boolean expectAtLeast(int size) {
        if (payloadLength < size) {
            fail(DropReason.BAD_ATTRIBUTE_SIZE);
            return false;
        }
        return true;
    }
}
