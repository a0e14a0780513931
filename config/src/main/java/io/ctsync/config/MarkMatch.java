package io.ctsync.config;

import java.util.Optional;

/**
 * A conntrack mark criterion: an entry matches when {@code (mark & mask) == value}. Written as
 * {@code "value/mask"} or {@code "value"} (mask 0xffffffff), decimal or 0x-hexadecimal.
 */
public record MarkMatch(long value, long mask) {
    private static final long U32 = 0xffff_ffffL;

    public MarkMatch {
        if (value < 0 || value > U32 || mask < 0 || mask > U32) {
            throw new IllegalArgumentException("mark value and mask must be 32-bit unsigned");
        }
        value &= mask;
    }

    /** Whether an entry with this 32-bit mark matches. */
    public boolean matches(long mark) {
        return (mark & mask) == value;
    }

    /** Parses {@code "0x10/0xff"}, {@code "16"}; empty if malformed or beyond 32 bits. */
    public static Optional<MarkMatch> parse(String text) {
        int slash = text.indexOf('/');
        Optional<Long> v = parseU32(slash < 0 ? text : text.substring(0, slash));
        Optional<Long> m = slash < 0 ? Optional.of(U32) : parseU32(text.substring(slash + 1));
        if (v.isEmpty() || m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MarkMatch(v.get() & m.get(), m.get()));
    }

    private static Optional<Long> parseU32(String s) {
        try {
            long n;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                if (s.length() < 3 || s.length() > 10) {
                    return Optional.empty();
                }
                n = Long.parseLong(s.substring(2), 16);
            } else {
                if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Optional.empty();
                }
                n = Long.parseLong(s);
            }
            return n <= U32 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code 0x10/0xff}, or {@code 0x10} when the mask is all ones. */
    @Override
    public String toString() {
        String v = "0x" + Long.toHexString(value);
        return mask == U32 ? v : v + "/0x" + Long.toHexString(mask);
    }
}
