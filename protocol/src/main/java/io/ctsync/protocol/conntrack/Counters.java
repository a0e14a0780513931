package io.ctsync.protocol.conntrack;

/**
 * Accounting of one direction ({@code CTA_COUNTERS_ORIG} / {@code _REPLY}); read-only, present only
 * when {@code nf_conntrack_acct} is on.
 *
 * @param packets packets seen (u64)
 * @param bytes bytes seen (u64)
 */
public record Counters(long packets, long bytes) {}
