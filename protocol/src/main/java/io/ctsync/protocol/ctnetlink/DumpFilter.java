package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.netlink.Nfnetlink;

/**
 * Kernel-side selection for a conntrack dump or flush (ctnetlink.md §6.7); null parts select
 * everything.
 *
 * @param family AF_UNSPEC (both), AF_INET or AF_INET6
 * @param mark keep entries with {@code (mark & markMask) == mark}, or null
 * @param markMask mask for {@code mark} (all ones when null and {@code mark} is set)
 * @param zone keep entries of this zone, or null
 * @param status keep entries with {@code (status & statusMask) == status}, or null
 * @param statusMask mask for {@code status}; must be non-zero when sent
 */
public record DumpFilter(int family, Integer mark, Integer markMask, Integer zone, Integer status, Integer statusMask) {
    public static final DumpFilter ALL = new DumpFilter(Nfnetlink.AF_UNSPEC, null, null, null, null, null);

    public static DumpFilter family(int family) {
        return new DumpFilter(family, null, null, null, null, null);
    }

    public DumpFilter withMark(int value, int mask) {
        return new DumpFilter(family, value, mask, zone, status, statusMask);
    }

    public DumpFilter withZone(int value) {
        return new DumpFilter(family, mark, markMask, value, status, statusMask);
    }

    public DumpFilter withStatus(int value, int mask) {
        return new DumpFilter(family, mark, markMask, zone, value, mask);
    }
}
