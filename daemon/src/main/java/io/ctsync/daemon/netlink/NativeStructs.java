package io.ctsync.daemon.netlink;

import java.nio.ByteBuffer;

/**
 * Byte layouts of the C structs the netlink layer passes to the kernel (x86-64 LP64), written by offset
 * into native-order buffers; the offsets are the contract, checked by unit tests.
 *
 * <pre>
 * sockaddr_nl (12)  0 u16 nl_family | 2 u16 pad | 4 u32 nl_pid | 8 u32 nl_groups
 * iovec       (16)  0 void* iov_base | 8 size_t iov_len
 * msghdr      (56)  0 void* name | 8 u32 namelen | 16 iovec* iov | 24 size_t iovlen
 *                   32 void* control | 40 size_t controllen | 48 int flags
 * mmsghdr     (64)  0 msghdr | 56 u32 msg_len
 * timeval     (16)  0 long tv_sec | 8 long tv_usec
 * sock_fprog  (16)  0 u16 len | 2..7 pad | 8 sock_filter* filter
 * sock_filter  (8)  0 u16 code | 2 u8 jt | 3 u8 jf | 4 u32 k
 * </pre>
 */
public final class NativeStructs {
    public static final int SOCKADDR_NL_SIZE = 12;
    public static final int SOCKADDR_NL_FAMILY = 0;
    public static final int SOCKADDR_NL_PID = 4;
    public static final int SOCKADDR_NL_GROUPS = 8;

    public static final int IOVEC_SIZE = 16;
    public static final int IOVEC_BASE = 0;
    public static final int IOVEC_LEN = 8;

    public static final int MSGHDR_SIZE = 56;
    public static final int MSGHDR_NAME = 0;
    public static final int MSGHDR_NAMELEN = 8;
    public static final int MSGHDR_IOV = 16;
    public static final int MSGHDR_IOVLEN = 24;
    public static final int MSGHDR_CONTROL = 32;
    public static final int MSGHDR_CONTROLLEN = 40;
    public static final int MSGHDR_FLAGS = 48;

    public static final int MMSGHDR_SIZE = 64;
    public static final int MMSGHDR_MSG_LEN = 56;

    public static final int TIMEVAL_SIZE = 16;
    public static final int TIMEVAL_SEC = 0;
    public static final int TIMEVAL_USEC = 8;

    public static final int SOCK_FPROG_SIZE = 16;
    public static final int SOCK_FPROG_LEN = 0;
    public static final int SOCK_FPROG_FILTER = 8;

    public static final int SOCK_FILTER_SIZE = 8;
    public static final int SOCK_FILTER_CODE = 0;
    public static final int SOCK_FILTER_JT = 2;
    public static final int SOCK_FILTER_JF = 3;
    public static final int SOCK_FILTER_K = 4;

    private NativeStructs() {}

    /** Writes a {@code sockaddr_nl} at {@code offset}. */
    public static void writeSockaddrNl(ByteBuffer b, int offset, int pid, int groups) {
        b.putShort(offset + SOCKADDR_NL_FAMILY, (short) LinuxConstants.AF_NETLINK);
        b.putShort(offset + 2, (short) 0);
        b.putInt(offset + SOCKADDR_NL_PID, pid);
        b.putInt(offset + SOCKADDR_NL_GROUPS, groups);
    }

    public static void writeIovec(ByteBuffer b, int offset, long base, long length) {
        b.putLong(offset + IOVEC_BASE, base);
        b.putLong(offset + IOVEC_LEN, length);
    }

    /** Writes one {@code mmsghdr} whose message has a single iovec at native address {@code iovec}. */
    public static void writeMmsghdr(ByteBuffer b, int offset, long iovec) {
        b.putLong(offset + MSGHDR_NAME, 0L);
        b.putLong(offset + MSGHDR_NAMELEN, 0L); // namelen and its padding
        b.putLong(offset + MSGHDR_IOV, iovec);
        b.putLong(offset + MSGHDR_IOVLEN, 1L);
        b.putLong(offset + MSGHDR_CONTROL, 0L);
        b.putLong(offset + MSGHDR_CONTROLLEN, 0L);
        b.putLong(offset + MSGHDR_FLAGS, 0L); // flags and padding
        b.putLong(offset + MMSGHDR_MSG_LEN, 0L); // msg_len and padding
    }

    public static void writeTimeval(ByteBuffer b, int offset, long seconds, long micros) {
        b.putLong(offset + TIMEVAL_SEC, seconds);
        b.putLong(offset + TIMEVAL_USEC, micros);
    }

    public static void writeSockFprog(ByteBuffer b, int offset, int length, long filter) {
        b.putLong(offset, 0L);
        b.putShort(offset + SOCK_FPROG_LEN, (short) length);
        b.putLong(offset + SOCK_FPROG_FILTER, filter);
    }

    public static void writeSockFilter(ByteBuffer b, int offset, int code, int jt, int jf, int k) {
        b.putShort(offset + SOCK_FILTER_CODE, (short) code);
        b.put(offset + SOCK_FILTER_JT, (byte) jt);
        b.put(offset + SOCK_FILTER_JF, (byte) jf);
        b.putInt(offset + SOCK_FILTER_K, k);
    }
}
