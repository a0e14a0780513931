package io.ctsync.daemon.netlink;

import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import io.ctsync.protocol.netlink.Nfnetlink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A fake kernel behind {@link NetlinkTransport} for unit tests: it answers each request message the way
 * ctnetlink does (an {@code NLMSG_ERROR} with the errno chosen by a script, an ACK when {@code NLM_F_ACK}
 * is set), records what was sent, and can drop replies with an {@code ENOBUFS} or refuse a send.
 */
final class ScriptedKernel implements NetlinkTransport {
    /** A request message as the fake kernel saw it. */
    record Request(int type, int flags, int seq, int value) {}

    /** Maps the first u32 attribute's value of a request to the errno to answer with (0 = success). */
    private final IntUnaryOperator errnoForValue;

    final List<List<Request>> datagrams = new ArrayList<>();
    final Deque<byte[]> queue = new ArrayDeque<>();
    int refuseSendNumber = -1;
    int refuseErrno;
    /** Drop every reply after this many queued ones and report ENOBUFS once (-1: never). */
    int dropRepliesAfter = -1;

    private boolean pendingEnobufs;
    String extAckText;
    boolean closed;

    ScriptedKernel(IntUnaryOperator errnoForValue) {
        this.errnoForValue = errnoForValue;
    }

    @Override
    public int portId() {
        return 4242;
    }

    @Override
    public int send(NativeBuffer buffer, int offset, int length) {
        if (datagrams.size() == refuseSendNumber) {
            datagrams.add(List.of());
            return -refuseErrno;
        }
        List<Request> seen = new ArrayList<>();
        NetlinkMessageReader r = new NetlinkMessageReader(buffer.buffer(), offset, length);
        while (r.next()) {
            int valueAt = r.offset() + Nfnetlink.ATTRS_OFFSET + 4;
            int value = r.length() >= Nfnetlink.ATTRS_OFFSET + 8 ? r.buffer().getInt(valueAt) : -1;
            seen.add(new Request(r.type(), r.flags(), r.seq(), value));
            int errno = errnoForValue.applyAsInt(value);
            if (errno != 0 || (r.flags() & Netlink.NLM_F_ACK) != 0) {
                enqueue(reply(r, errno));
            }
        }
        if (r.error() != null) {
            throw new AssertionError("writer produced a malformed datagram: " + r.error());
        }
        datagrams.add(seen);
        return length;
    }

    private void enqueue(byte[] reply) {
        if (dropRepliesAfter >= 0 && queue.size() >= dropRepliesAfter) {
            pendingEnobufs = true;
            return;
        }
        queue.add(reply);
    }

    private byte[] reply(NetlinkMessageReader request, int errno) {
        byte[] text = errno != 0 && extAckText != null ? (extAckText + "\0").getBytes() : null;
        int tlv = text == null ? 0 : Netlink.align(4 + text.length);
        ByteBuffer b = ByteBuffer.allocate(36 + tlv).order(ByteOrder.nativeOrder());
        int flags = Netlink.NLM_F_CAPPED | (text != null ? Netlink.NLM_F_ACK_TLVS : 0);
        b.putInt(0, 36 + tlv).putShort(4, (short) Netlink.NLMSG_ERROR).putShort(6, (short) flags);
        b.putInt(8, request.seq()).putInt(12, portId());
        b.putInt(16, -errno);
        b.putInt(20, request.length()).putShort(24, (short) request.type()).putShort(26, (short) request.flags());
        b.putInt(28, request.seq()).putInt(32, request.pid());
        if (text != null) {
            b.putShort(36, (short) (4 + text.length)).putShort(38, (short) Netlink.NLMSGERR_ATTR_MSG);
            b.put(40, text);
        }
        return b.array();
    }

    /** Queues an ACK for a sequence number no request of the coming batch has. */
    void injectStaleAck(int seq) {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        b.putInt(0, 36).putShort(4, (short) Netlink.NLMSG_ERROR).putShort(6, (short) Netlink.NLM_F_CAPPED);
        b.putInt(8, seq).putInt(20, 16).putInt(28, seq);
        queue.add(b.array());
    }

    @Override
    public int receive(NativeBuffer buffer, int offset, int capacity, boolean dontWait) {
        if (pendingEnobufs) {
            pendingEnobufs = false;
            return -LinuxConstants.ENOBUFS;
        }
        byte[] next = queue.poll();
        if (next == null) {
            return -LinuxConstants.EAGAIN;
        }
        buffer.buffer().put(offset, next, 0, Math.min(capacity, next.length));
        return next.length;
    }

    @Override
    public void close() {
        closed = true;
    }
}
