package io.ctsync.protocol.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Allocation-free cursor over the netlink messages of one received datagram. Each {@link #next()}
 * validates the next {@code nlmsghdr} ({@code nlmsg_len} at least 16 and within the datagram) and
 * exposes its fields; a framing error ends the iteration with a {@link DropReason}, since nothing
 * after a corrupt length can be trusted. Never throws on malformed input.
 */
public final class NetlinkMessageReader {
    private ByteBuffer buf;
    private int end;
    private int next;
    private int offset;
    private int length;
    private int type;
    private int flags;
    private int seq;
    private int pid;
    private DropReason error;

    public NetlinkMessageReader() {}

    public NetlinkMessageReader(ByteBuffer datagram, int offset, int length) {
        reset(datagram, offset, length);
    }

    /** Iterates the bytes {@code [offset, offset + length)} of {@code datagram} (absolute indexes). */
    public NetlinkMessageReader reset(ByteBuffer datagram, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > datagram.capacity()) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
        }
        this.buf = datagram.order() == ByteOrder.nativeOrder()
                ? datagram
                : datagram.duplicate().order(ByteOrder.nativeOrder());
        this.next = offset;
        this.end = offset + length;
        this.offset = -1;
        this.length = 0;
        this.error = null;
        return this;
    }

    /** Iterates {@code datagram} from its position to its limit. */
    public NetlinkMessageReader reset(ByteBuffer datagram) {
        return reset(datagram, datagram.position(), datagram.remaining());
    }

    /**
     * Advances to the next message. Returns false at the end of the datagram or on a framing error
     * ({@link #error()} is then non-null).
     */
    public boolean next() {
        if (error != null || next >= end) {
            offset = -1;
            return false;
        }
        int left = end - next;
        if (left < Netlink.NLMSG_HDRLEN) {
            return fail(DropReason.TRUNCATED_HEADER);
        }
        int len = buf.getInt(next + Netlink.OFF_LEN);
        if (len < Netlink.NLMSG_HDRLEN || len > left) {
            return fail(DropReason.BAD_MESSAGE_LENGTH);
        }
        offset = next;
        length = len;
        type = buf.getShort(next + Netlink.OFF_TYPE) & 0xffff;
        flags = buf.getShort(next + Netlink.OFF_FLAGS) & 0xffff;
        seq = buf.getInt(next + Netlink.OFF_SEQ);
        pid = buf.getInt(next + Netlink.OFF_PID);
        int step = Netlink.align(len);
        next = step >= left ? end : next + step;
        return true;
    }

    private boolean fail(DropReason reason) {
        error = reason;
        offset = -1;
        next = end;
        return false;
    }

    /** Null while iteration is fine or ended cleanly; the reason the rest of the datagram was dropped otherwise. */
    public DropReason error() {
        return error;
    }

    /** The datagram's buffer in native order, for reading the current message by absolute index. */
    public ByteBuffer buffer() {
        return buf;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public int seq() {
        return seq;
    }

    public int pid() {
        return pid;
    }

    public int payloadOffset() {
        return offset + Netlink.NLMSG_HDRLEN;
    }

    public int payloadLength() {
        return length - Netlink.NLMSG_HDRLEN;
    }

    public boolean isError() {
        return type == Netlink.NLMSG_ERROR;
    }

    public boolean isDone() {
        return type == Netlink.NLMSG_DONE;
    }

    /**
     * The status of an {@code NLMSG_DONE}: 0 for a complete dump, a positive errno when the dump
     * failed, or -1 when the 4-byte payload is missing (which some kernels omit for plain dumps).
     */
    public int doneErrno() {
        if (payloadLength() < 4) {
            return -1;
        }
        int v = buf.getInt(payloadOffset());
        return v < 0 ? -v : v;
    }
}
