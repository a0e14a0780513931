package io.ctsync.protocol.ctnetlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Zeroes the alignment padding of an nfnetlink message, which some senders leave uninitialised. */
final class Padding {
    private Padding() {}

    static byte[] zeroed(byte[] message) {
        byte[] out = message.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
        zeroAttributes(b, 20, b.getInt(0) - 20);
        return out;
    }

    private static void zeroAttributes(ByteBuffer b, int offset, int length) {
        int end = offset + length;
        int p = offset;
        while (end - p >= 4) {
            int len = b.getShort(p) & 0xffff;
            int type = b.getShort(p + 2) & 0xffff;
            if (len < 4 || p + len > end) {
                return;
            }
            if ((type & 0x8000) != 0) {
                zeroAttributes(b, p + 4, len - 4);
            }
            int aligned = (len + 3) & ~3;
            for (int i = p + len; i < Math.min(p + aligned, end); i++) {
                b.put(i, (byte) 0);
            }
            p += aligned;
        }
    }
}
