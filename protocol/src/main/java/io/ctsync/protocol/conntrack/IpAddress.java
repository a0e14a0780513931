package io.ctsync.protocol.conntrack;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address held in two longs (no array, no {@link InetAddress}), with value
 * equality. Network byte order maps to the longs big-endian: IPv4 bits sit in the low 32 bits of
 * {@link #lo()}, IPv6 bytes 0-7 in {@link #hi()} and 8-15 in {@link #lo()}.
 */
public final class IpAddress implements Comparable<IpAddress> {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public static final IpAddress ANY_V4 = new IpAddress(false, 0, 0);
    public static final IpAddress ANY_V6 = new IpAddress(true, 0, 0);

    private final boolean v6;
    private final long hi;
    private final long lo;

    private IpAddress(boolean v6, long hi, long lo) {
        this.v6 = v6;
        this.hi = hi;
        this.lo = lo;
    }

    /** An IPv4 address from its 32 bits in network order (10.0.0.1 = 0x0a000001). */
    public static IpAddress v4(int bits) {
        return new IpAddress(false, 0, bits & 0xffffffffL);
    }

    /** An IPv6 address from bytes 0-7 ({@code hi}) and 8-15 ({@code lo}), big-endian. */
    public static IpAddress v6(long hi, long lo) {
        return new IpAddress(true, hi, lo);
    }

    /** From 4 or 16 bytes in network order. */
    public static IpAddress of(byte[] bytes) {
        if (bytes.length == 4) {
            return v4(readInt(bytes, 0));
        }
        if (bytes.length == 16) {
            return v6(readLong(bytes, 0), readLong(bytes, 8));
        }
        throw new IllegalArgumentException("address must have 4 or 16 bytes, got " + bytes.length);
    }

    public static IpAddress of(InetAddress address) {
        return of(address.getAddress());
    }

    /** Parses a dotted IPv4 or an IPv6 literal; never resolves names. */
    public static IpAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            try {
                InetAddress a = InetAddress.getByName(text);
                byte[] b = a.getAddress();
                if (b.length == 4) {
                    // an IPv4-mapped literal; keep it as IPv6
                    return v6(0, 0xffff00000000L | (readInt(b, 0) & 0xffffffffL));
                }
                return of(b);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + text, e);
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int bits = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            bits = (bits << 8) | v;
        }
        return v4(bits);
    }

    public boolean isV4() {
        return !v6;
    }

    public boolean isV6() {
        return v6;
    }

    /** {@link #AF_INET} or {@link #AF_INET6}. */
    public int family() {
        return v6 ? AF_INET6 : AF_INET;
    }

    /** 4 or 16. */
    public int byteLength() {
        return v6 ? 16 : 4;
    }

    /** The IPv4 bits in network order; meaningless for IPv6. */
    public int v4Bits() {
        return (int) lo;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    public boolean isAny() {
        return hi == 0 && lo == 0;
    }

    /** A new array of 4 or 16 bytes in network order. */
    public byte[] toBytes() {
        byte[] b = new byte[byteLength()];
        if (v6) {
            writeLong(b, 0, hi);
            writeLong(b, 8, lo);
        } else {
            int v = (int) lo;
            b[0] = (byte) (v >>> 24);
            b[1] = (byte) (v >>> 16);
            b[2] = (byte) (v >>> 8);
            b[3] = (byte) v;
        }
        return b;
    }

    public InetAddress toInetAddress() {
        try {
            return v6 ? Inet6Address.getByAddress(null, toBytes(), null) : InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IpAddress)) {
            return false;
        }
        IpAddress a = (IpAddress) o;
        return v6 == a.v6 && hi == a.hi && lo == a.lo;
    }

    @Override
    public int hashCode() {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        h ^= (h >>> 32);
        return (int) h ^ (v6 ? 0x5bd1e995 : 0);
    }

    @Override
    public int compareTo(IpAddress o) {
        if (v6 != o.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** Dotted quad, or the RFC 5952 form (longest run of two or more zero groups compressed). */
    @Override
    public String toString() {
        if (!v6) {
            int v = (int) lo;
            return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static long readLong(byte[] b, int off) {
        return ((long) readInt(b, off) << 32) | (readInt(b, off + 4) & 0xffffffffL);
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
