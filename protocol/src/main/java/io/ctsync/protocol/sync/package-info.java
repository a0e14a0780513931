/**
 * The conntrackd protocol-version-1 sync wire codec (compat §3), byte-compatible with conntrackd
 * 1.4.7 and later; pure code without sockets or threads.
 *
 * <p>Sending: {@link io.ctsync.protocol.sync.SyncEncoder} writes CT_* / EXP_* messages from the
 * conntrack model, {@link io.ctsync.protocol.sync.ControlMessage} writes ALIVE, ACK, NACK and
 * RESYNC, {@link io.ctsync.protocol.sync.SyncHeader#setSeq} renumbers a message for a
 * retransmission, and {@link io.ctsync.protocol.sync.SyncPacker} packs messages into MTU-sized
 * payloads.
 *
 * <p>Receiving: {@link io.ctsync.protocol.sync.SyncFramer} (UDP, multicast) or {@link
 * io.ctsync.protocol.sync.SyncStreamFramer} (TCP) cut a payload into {@link
 * io.ctsync.protocol.sync.SyncFrame}s, on which a sync mode can track sequence numbers and
 * HELLO flags first; {@link io.ctsync.protocol.sync.SyncDecoder} then turns a frame into a {@link
 * io.ctsync.protocol.sync.SyncMessage} ({@code decodeDatagram} does both steps). Nothing here
 * throws on peer input: rejected input is counted through a {@link
 * io.ctsync.protocol.sync.SyncDropSink} under a {@link io.ctsync.protocol.sync.SyncDropReason}.
 *
 * <p>Per-peer differences (NAT port byte order, legacy NAT addresses, attributes old peers do not
 * know, TCP window scales, timeouts) are {@link io.ctsync.protocol.sync.SyncCodecOptions}.
 */
package io.ctsync.protocol.sync;
