package io.ctsync.protocol.conntrack;

import java.util.Objects;

/**
 * One direction of a connection: addresses, layer-4 protocol and its identifiers, and an optional
 * direction-specific zone ({@code CTA_TUPLE_ZONE}). Layer-4 fields follow the kernel's tuple
 * layout: ports for TCP, UDP, UDPLite, SCTP and DCCP; GRE keys in the port fields; for ICMP and
 * ICMPv6 {@code srcPort} holds the id and {@code dstPort} holds {@code type << 8 | code}. Other
 * protocols leave both 0.
 *
 * @param src source address
 * @param dst destination address, same family as {@code src}
 * @param protocol layer-4 protocol number (0-255)
 * @param srcPort source port / GRE key / ICMP id (0-65535)
 * @param dstPort destination port / GRE key / ICMP type and code (0-65535)
 * @param zone direction zone (0-65535) or {@link #NO_ZONE}
 */
public record Tuple(IpAddress src, IpAddress dst, int protocol, int srcPort, int dstPort, int zone) {
    public static final int NO_ZONE = -1;

    public Tuple {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (src.isV6() != dst.isV6()) {
            throw new IllegalArgumentException("src and dst of different families: " + src + ", " + dst);
        }
        if ((protocol & ~0xff) != 0) {
            throw new IllegalArgumentException("protocol out of range: " + protocol);
        }
        if ((srcPort & ~0xffff) != 0 || (dstPort & ~0xffff) != 0) {
            throw new IllegalArgumentException("port out of range: " + srcPort + ", " + dstPort);
        }
        if (zone < NO_ZONE || zone > 0xffff) {
            throw new IllegalArgumentException("zone out of range: " + zone);
        }
    }

    /** A tuple without direction zone. */
    public static Tuple of(IpAddress src, IpAddress dst, int protocol, int srcPort, int dstPort) {
        return new Tuple(src, dst, protocol, srcPort, dstPort, NO_ZONE);
    }

    public static Tuple of(String src, String dst, int protocol, int srcPort, int dstPort) {
        return of(IpAddress.parse(src), IpAddress.parse(dst), protocol, srcPort, dstPort);
    }

    /** An ICMP (IPv4) or ICMPv6 (IPv6) tuple. */
    public static Tuple icmp(IpAddress src, IpAddress dst, int type, int code, int id) {
        if ((type & ~0xff) != 0 || (code & ~0xff) != 0) {
            throw new IllegalArgumentException("icmp type/code out of range: " + type + "/" + code);
        }
        int proto = src.isV6() ? IpProtocol.ICMPV6 : IpProtocol.ICMP;
        return new Tuple(src, dst, proto, id, (type << 8) | code, NO_ZONE);
    }

    /** {@link IpAddress#AF_INET} or {@link IpAddress#AF_INET6}. */
    public int family() {
        return src.family();
    }

    public boolean isV6() {
        return src.isV6();
    }

    public boolean hasZone() {
        return zone != NO_ZONE;
    }

    public int icmpId() {
        return srcPort;
    }

    public int icmpType() {
        return dstPort >>> 8;
    }

    public int icmpCode() {
        return dstPort & 0xff;
    }

    public Tuple withZone(int newZone) {
        return new Tuple(src, dst, protocol, srcPort, dstPort, newZone);
    }

    /**
     * The tuple of the other direction: addresses and ports swapped; for ICMP/ICMPv6 the id kept
     * and a request type turned into its reply type (and back); the direction zone kept.
     */
    public Tuple invert() {
        if (IpProtocol.isIcmp(protocol)) {
            int type = icmpType();
            int inv = protocol == IpProtocol.ICMP ? invertIcmp(type) : invertIcmpv6(type);
            return new Tuple(dst, src, protocol, srcPort, (inv << 8) | icmpCode(), zone);
        }
        return new Tuple(dst, src, protocol, dstPort, srcPort, zone);
    }

    private static int invertIcmp(int type) {
        switch (type) {
            case 8:
                return 0;
            case 0:
                return 8;
            case 13:
                return 14;
            case 14:
                return 13;
            case 15:
                return 16;
            case 16:
                return 15;
            case 17:
                return 18;
            case 18:
                return 17;
            default:
                return type;
        }
    }

    private static int invertIcmpv6(int type) {
        switch (type) {
            case 128:
                return 129;
            case 129:
                return 128;
            case 139:
                return 140;
            case 140:
                return 139;
            default:
                return type;
        }
    }

    /** {@code conntrack -L} style: {@code src=A dst=B sport=1 dport=2} (type/code/id for ICMP). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64);
        sb.append("src=").append(src).append(" dst=").append(dst);
        if (IpProtocol.isIcmp(protocol)) {
            sb.append(" type=")
                    .append(icmpType())
                    .append(" code=")
                    .append(icmpCode())
                    .append(" id=")
                    .append(icmpId());
        } else if (IpProtocol.hasPorts(protocol) && protocol != IpProtocol.GRE) {
            sb.append(" sport=").append(srcPort).append(" dport=").append(dstPort);
        } else if (protocol == IpProtocol.GRE) {
            sb.append(" srckey=0x")
                    .append(Integer.toHexString(srcPort))
                    .append(" dstkey=0x")
                    .append(Integer.toHexString(dstPort));
        }
        if (zone != NO_ZONE) {
            sb.append(" zone=").append(zone);
        }
        return sb.toString();
    }
}
