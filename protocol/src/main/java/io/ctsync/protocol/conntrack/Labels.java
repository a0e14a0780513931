package io.ctsync.protocol.conntrack;

import java.util.Arrays;

/**
 * A conntrack label bitmap ({@code CTA_LABELS} / {@code CTA_LABELS_MASK}): up to 128 bits as a raw
 * byte string whose length is a multiple of 4 (at most 16). Bit {@code n} is bit {@code n % 8} of
 * byte {@code n / 8}, the kernel's layout on little-endian hosts. Immutable; compares by value.
 */
public final class Labels {
    public static final int MAX_BYTES = 16;
    public static final int MAX_BITS = MAX_BYTES * 8;

    private final byte[] bits;

    private Labels(byte[] bits) {
        this.bits = bits;
    }

    /** From raw bytes (copied); length must be a positive multiple of 4, at most 16. */
    public static Labels of(byte[] raw) {
        if (raw.length == 0 || raw.length > MAX_BYTES || raw.length % 4 != 0) {
            throw new IllegalArgumentException("label bitmap must be 4, 8, 12 or 16 bytes, got " + raw.length);
        }
        return new Labels(raw.clone());
    }

    /** A 16-byte bitmap with the given bits set. */
    public static Labels ofBits(int... setBits) {
        byte[] b = new byte[MAX_BYTES];
        for (int n : setBits) {
            if (n < 0 || n >= MAX_BITS) {
                throw new IllegalArgumentException("label bit out of range: " + n);
            }
            b[n >>> 3] |= (byte) (1 << (n & 7));
        }
        return new Labels(b);
    }

    public boolean isSet(int bit) {
        int i = bit >>> 3;
        return bit >= 0 && i < bits.length && (bits[i] & (1 << (bit & 7))) != 0;
    }

    public boolean isEmpty() {
        for (byte b : bits) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public int byteLength() {
        return bits.length;
    }

    /** A copy of the raw bitmap. */
    public byte[] toBytes() {
        return bits.clone();
    }

    /** Reads the raw byte at {@code index} without copying the bitmap. */
    public byte byteAt(int index) {
        return bits[index];
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Labels && Arrays.equals(bits, ((Labels) o).bits));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    /** The set bit numbers, comma-separated. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < bits.length * 8; n++) {
            if (isSet(n)) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(n);
            }
        }
        return sb.toString();
    }
}
