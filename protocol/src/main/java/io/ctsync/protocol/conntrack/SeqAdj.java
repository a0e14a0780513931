package io.ctsync.protocol.conntrack;

/**
 * NAT sequence-number adjustment of one direction ({@code CTA_SEQ_ADJ_ORIG} / {@code _REPLY}), all
 * three parts be32 on the wire.
 *
 * @param correctionPos sequence number from which the adjustment applies
 * @param offsetBefore offset for sequence numbers before {@code correctionPos}
 * @param offsetAfter offset for sequence numbers from {@code correctionPos} on
 */
public record SeqAdj(int correctionPos, int offsetBefore, int offsetAfter) {}
