package io.ctsync.protocol.conntrack;

/**
 * SYN proxy state ({@code CTA_SYNPROXY}), be32 parts.
 *
 * @param isn initial sequence number
 * @param its initial timestamp
 * @param tsoff timestamp offset
 */
public record Synproxy(int isn, int its, int tsoff) {}
