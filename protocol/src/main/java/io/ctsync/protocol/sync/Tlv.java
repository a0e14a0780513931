package io.ctsync.protocol.sync;

/**
 * Layout of one attribute of a state message (compat §3.5). Length first, then type, both
 * big-endian (a netlink {@code nlattr} in network order); the length counts the 4-byte header and
 * the unpadded payload; the next attribute starts at the length rounded up to 4, and the gap is
 * zero.
 *
 * <pre>
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 * +-------------------------------+-------------------------------+
 * |   nta_len (4 + payload, BE)   |   nta_attr (id, BE)           |  0
 * +-------------------------------+-------------------------------+
 * | payload ...                   | zero padding to 4             |  4
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class Tlv {
    private Tlv() {}

    public static final int HEADER_SIZE = 4;
    public static final int OFF_LEN = 0;
    public static final int OFF_TYPE = 2;
    public static final int ALIGN = 4;

    /** {@code n} rounded up to the attribute alignment. */
    public static int align(int n) {
        return Bytes.align4(n);
    }

    /** Bytes an attribute with a payload of {@code payload} bytes occupies, padding included. */
    public static int space(int payload) {
        return align(HEADER_SIZE + payload);
    }
}
