package io.ctsync.protocol.conntrack;

/**
 * Start and stop times of an entry ({@code CTA_TIMESTAMP}), nanoseconds of the kernel's real-time
 * clock; read-only, present only when {@code nf_conntrack_timestamp} is on.
 *
 * @param start creation time
 * @param stop destruction time, 0 while the entry lives
 */
public record Timestamp(long start, long stop) {}
