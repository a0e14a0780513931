package io.ctsync.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses IPv4 and IPv6 address literals without ever resolving host names, so that loading a
 * configuration never blocks on DNS.
 */
public final class Addresses {
    private Addresses() {}

    /** The address a literal denotes, or empty if {@code text} is not an IPv4/IPv6 literal. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    /** An IPv4 dotted quad ({@code 192.0.2.1}), or empty. */
    public static Optional<InetAddress> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) v;
        }
        return Optional.of(byAddress(bytes));
    }

    /** An IPv6 literal ({@code 2001:db8::1}, also with an embedded IPv4 tail), or empty. */
    public static Optional<InetAddress> parseIpv6(String text) {
        if (text.indexOf(':') < 0 || text.length() > 45) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return Optional.empty();
            }
        }
        try {
            // only hex digits, colons and dots reach here: getByName parses the literal, no lookup
            InetAddress a = InetAddress.getByName(text);
            if (a instanceof Inet4Address) {
                // an IPv4-mapped literal (::ffff:a.b.c.d); keep it as the IPv6 address it was written as
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
                return Optional.of(Inet6Address.getByAddress(null, mapped, null));
            }
            return Optional.of(a);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The address with these 4 or 16 bytes. */
    public static InetAddress byAddress(byte[] bytes) {
        try {
            if (bytes.length == 16) {
                return Inet6Address.getByAddress(null, bytes, null);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address must have 4 or 16 bytes, got " + bytes.length, e);
        }
    }

    /** The canonical text of an address: dotted quad, or compressed IPv6. */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952: compress the longest run (length >= 2) of zero groups, the first if tied
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** The family of an address. */
    public static AddressFamily family(InetAddress address) {
        return address instanceof Inet4Address ? AddressFamily.IPV4 : AddressFamily.IPV6;
    }
}
