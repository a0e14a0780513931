package io.ctsync.protocol.conntrack;

/**
 * A NAT range as a create request carries it ({@code CTA_NAT_SRC} / {@code CTA_NAT_DST}): address
 * range and port range, each part optional. Replicated entries use single mappings (min = max).
 *
 * @param minIp lowest address, or null
 * @param maxIp highest address, or null (the kernel then uses {@code minIp})
 * @param minPort lowest port (0-65535) or {@link #ABSENT}
 * @param maxPort highest port or {@link #ABSENT} (the kernel then uses {@code minPort})
 */
public record NatRange(IpAddress minIp, IpAddress maxIp, int minPort, int maxPort) {
    public static final int ABSENT = -1;

    public NatRange {
        if (minIp != null && maxIp != null && minIp.isV6() != maxIp.isV6()) {
            throw new IllegalArgumentException("NAT range of mixed families");
        }
        if (((minPort & ~0xffff) != 0 && minPort != ABSENT) || ((maxPort & ~0xffff) != 0 && maxPort != ABSENT)) {
            throw new IllegalArgumentException("NAT port out of range: " + minPort + "-" + maxPort);
        }
    }

    /** A single mapping to {@code address} and, unless {@link #ABSENT}, {@code port}. */
    public static NatRange to(IpAddress address, int port) {
        return new NatRange(address, address, port, port);
    }

    public boolean hasPorts() {
        return minPort != ABSENT || maxPort != ABSENT;
    }
}
