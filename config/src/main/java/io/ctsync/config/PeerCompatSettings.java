package io.ctsync.config;

/**
 * Wire-format switches for pairing with a particular conntrackd version
 * ({@code ctsync.sync.peer}).
 *
 * @param natPortByteOrder byte order of NAT ports and the ICMP id (host order of the sender)
 * @param legacyNatAddressOrder send IPv4 NAT addresses in host order, as conntrackd 1.4.6 and older
 * @param sendZone send the zone attribute (conntrackd 1.4.7 and newer understand it)
 * @param sendSynproxy send the synproxy attribute (conntrackd 1.4.5 and newer understand it)
 */
public record PeerCompatSettings(
        Endianness natPortByteOrder, boolean legacyNatAddressOrder, boolean sendZone, boolean sendSynproxy) {}
