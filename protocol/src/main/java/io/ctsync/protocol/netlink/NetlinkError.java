package io.ctsync.protocol.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A decoded {@code NLMSG_ERROR}: the positive errno (0 for an ACK), the header fields of the
 * request it answers (match by {@link #seq()}), and the extended-ACK text and offset when the
 * kernel supplied them.
 *
 * @param errno positive errno, 0 for an ACK
 * @param seq {@code nlmsg_seq} of the request this answers
 * @param requestType {@code nlmsg_type} of that request
 * @param requestFlags {@code nlmsg_flags} of that request
 * @param requestPid {@code nlmsg_pid} of that request
 * @param capped the request payload was not echoed ({@code NETLINK_CAP_ACK})
 * @param message extended-ACK text ({@code NLMSGERR_ATTR_MSG}), or null
 * @param errorOffset extended-ACK offset of the offending attribute ({@code NLMSGERR_ATTR_OFFS}), or -1
 */
public record NetlinkError(
        int errno,
        int seq,
        int requestType,
        int requestFlags,
        int requestPid,
        boolean capped,
        String message,
        int errorOffset) {

    /**
     * Decodes the payload of an {@code NLMSG_ERROR} message whose header flags are {@code
     * nlmsgFlags}. Returns null when the payload is shorter than {@code struct nlmsgerr} (20
     * bytes); malformed extended-ACK TLVs are ignored.
     */
    public static NetlinkError decode(ByteBuffer buf, int payloadOffset, int payloadLength, int nlmsgFlags) {
        if (payloadLength < Netlink.NLMSGERR_LEN
                || payloadOffset < 0
                || payloadOffset + payloadLength > buf.capacity()) {
            return null;
        }
        ByteBuffer b =
                buf.order() == ByteOrder.nativeOrder() ? buf : buf.duplicate().order(ByteOrder.nativeOrder());
        int error = b.getInt(payloadOffset);
        int hdr = payloadOffset + 4;
        int origLen = b.getInt(hdr + Netlink.OFF_LEN);
        int origType = b.getShort(hdr + Netlink.OFF_TYPE) & 0xffff;
        int origFlags = b.getShort(hdr + Netlink.OFF_FLAGS) & 0xffff;
        int origSeq = b.getInt(hdr + Netlink.OFF_SEQ);
        int origPid = b.getInt(hdr + Netlink.OFF_PID);
        boolean capped = (nlmsgFlags & Netlink.NLM_F_CAPPED) != 0;
        String text = null;
        int offs = -1;
        if ((nlmsgFlags & Netlink.NLM_F_ACK_TLVS) != 0) {
            int echoed = capped ? Netlink.NLMSG_HDRLEN : Netlink.align(Math.max(origLen, Netlink.NLMSG_HDRLEN));
            int tlvStart = hdr + echoed;
            int end = payloadOffset + payloadLength;
            if (echoed >= Netlink.NLMSG_HDRLEN && tlvStart <= end) {
                NetlinkAttributeReader a = new NetlinkAttributeReader().reset(b, tlvStart, end - tlvStart);
                while (a.next()) {
                    if (a.type() == Netlink.NLMSGERR_ATTR_MSG) {
                        text = a.string();
                    } else if (a.type() == Netlink.NLMSGERR_ATTR_OFFS && a.payloadLength() == 4) {
                        offs = a.u32();
                    }
                }
            }
        }
        return new NetlinkError(error < 0 ? -error : error, origSeq, origType, origFlags, origPid, capped, text, offs);
    }

    /** Decodes the current message of {@code reader}, which must be an {@code NLMSG_ERROR}. */
    public static NetlinkError decode(NetlinkMessageReader reader) {
        return decode(reader.buffer(), reader.payloadOffset(), reader.payloadLength(), reader.flags());
    }

    public boolean isAck() {
        return errno == 0;
    }

    /** The errno's table entry, or null for an ACK or a number outside the table. */
    public Errno errnoName() {
        return errno == 0 ? null : Errno.of(errno);
    }

    @Override
    public String toString() {
        if (errno == 0) {
            return "ACK seq=" + Integer.toUnsignedString(seq);
        }
        StringBuilder sb = new StringBuilder(Errno.describe(errno))
                .append(" seq=")
                .append(Integer.toUnsignedString(seq))
                .append(" type=0x")
                .append(Integer.toHexString(requestType));
        if (message != null) {
            sb.append(" msg=\"").append(message).append('"');
        }
        if (errorOffset >= 0) {
            sb.append(" offset=").append(errorOffset);
        }
        return sb.toString();
    }
}
