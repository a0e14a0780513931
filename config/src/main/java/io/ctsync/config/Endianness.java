package io.ctsync.config;

/** Byte order of the fields conntrackd sends in host order (NAT ports, ICMP id). */
public enum Endianness {
    LITTLE_ENDIAN,
    BIG_ENDIAN
}
