package io.ctsync.protocol.sync;

/**
 * Serial-number arithmetic on the 32-bit sequence numbers (compat §3.4): comparisons use the
 * signed 32-bit difference, like TCP's {@code before()} / {@code after()}, so they hold across the
 * wrap at 2^32. Two numbers exactly 2^31 apart are each "before" the other, as in TCP.
 */
public final class SyncSeq {
    private SyncSeq() {}

    /** {@code a} comes strictly before {@code b}. */
    public static boolean before(int a, int b) {
        return a - b < 0;
    }

    /** {@code a} comes strictly after {@code b}. */
    public static boolean after(int a, int b) {
        return b - a < 0;
    }

    /** {@code a} is {@code b} or before it. */
    public static boolean beforeOrEqual(int a, int b) {
        return a - b <= 0;
    }

    /** {@code a} is {@code b} or after it. */
    public static boolean afterOrEqual(int a, int b) {
        return b - a <= 0;
    }

    /** {@code from <= seq <= to} in serial order (the range may span the wrap). */
    public static boolean between(int seq, int from, int to) {
        return afterOrEqual(seq, from) && beforeOrEqual(seq, to);
    }

    /** The next sequence number, wrapping from 2^32 − 1 to 0. */
    public static int next(int seq) {
        return seq + 1;
    }

    /** How many steps forward from {@code from} to {@code to}, as a signed 32-bit difference. */
    public static int distance(int from, int to) {
        return to - from;
    }

    /** Number of sequence numbers in the inclusive range [from, to], 0 if {@code to} is before it. */
    public static long rangeSize(int from, int to) {
        return before(to, from) ? 0 : Integer.toUnsignedLong(to - from) + 1;
    }

    /** The unsigned value for logs. */
    public static String toString(int seq) {
        return Integer.toUnsignedString(seq);
    }
}
