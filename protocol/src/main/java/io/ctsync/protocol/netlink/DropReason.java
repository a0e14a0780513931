package io.ctsync.protocol.netlink;

/**
 * Why a received netlink message (or the rest of a datagram) was dropped by a decoder. Each
 * value is meant to back one named counter.
 */
public enum DropReason {
    /** Fewer than 16 bytes left where a {@code nlmsghdr} should start; the rest is dropped. */
    TRUNCATED_HEADER,
    /** {@code nlmsg_len} below 16 or beyond the datagram; the rest of the datagram is dropped. */
    BAD_MESSAGE_LENGTH,
    /** The payload is shorter than the fixed header it must carry (nfgenmsg, nlmsgerr, done code). */
    TRUNCATED_PAYLOAD,
    /** An {@code nla_len} below 4 or beyond its enclosing message or nest. */
    BAD_ATTRIBUTE_LENGTH,
    /** A fixed-size attribute with the wrong payload length (e.g. a 3-byte be32). */
    BAD_ATTRIBUTE_SIZE,
    /** A value outside its domain (unknown family, address length not matching the family, ...). */
    BAD_ATTRIBUTE_VALUE,
    /** A required attribute is missing (e.g. a conntrack message without an original tuple). */
    MISSING_ATTRIBUTE,
    /** Nests deeper than any valid message has. */
    NESTING_TOO_DEEP,
    /** An {@code nfgen_family} other than AF_INET / AF_INET6 where an address family is needed. */
    BAD_FAMILY,
    /** A message type this decoder does not handle (wrong subsystem or message number). */
    UNKNOWN_MESSAGE_TYPE,
    /** The decoder hit an unexpected internal error on this message; a bug, counted instead of thrown. */
    DECODER_FAULT
}
