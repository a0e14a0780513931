package io.ctsync.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network (address and prefix length, host bits cleared); a host address is a
 * network of prefix 32 or 128.
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int max = maxPrefix(network);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of 0.." + max);
        }
        network = mask(network, prefixLength);
    }

    /** The network of {@code address} with {@code prefixLength} bits (host bits are cleared). */
    public static Cidr of(InetAddress address, int prefixLength) {
        return new Cidr(address, prefixLength);
    }

    /** A single host. */
    public static Cidr host(InetAddress address) {
        return new Cidr(address, maxPrefix(address));
    }

    /**
     * Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32} or a bare address; empty if the text is
     * not such a literal.
     */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> a = Addresses.parse(addr);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        int prefix = maxPrefix(a.get());
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
            if (prefix > maxPrefix(a.get())) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(a.get(), prefix));
    }

    /** Whether {@code text} (a valid CIDR) has bits set beyond its prefix, e.g. 192.0.2.1/24. */
    public static boolean hasHostBits(String text) {
        Optional<Cidr> c = parse(text);
        if (c.isEmpty()) {
            return false;
        }
        int slash = text.indexOf('/');
        InetAddress written =
                Addresses.parse(slash < 0 ? text : text.substring(0, slash)).orElseThrow();
        return !written.equals(c.get().network());
    }

    public AddressFamily family() {
        return Addresses.family(network);
    }

    /** Whether {@code address} lies in this network (always false across address families). */
    public boolean contains(InetAddress address) {
        if (Addresses.family(address) != family()) {
            return false;
        }
        return mask(address, prefixLength).equals(network);
    }

    /** Whether this is a single host (prefix 32 or 128). */
    public boolean isHost() {
        return prefixLength == maxPrefix(network);
    }

    /** {@code 192.0.2.0/24}, or just the address for a host. */
    @Override
    public String toString() {
        return isHost() ? Addresses.format(network) : Addresses.format(network) + "/" + prefixLength;
    }

    private static int maxPrefix(InetAddress a) {
        return a.getAddress().length * 8;
    }

    private static InetAddress mask(InetAddress a, int prefix) {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xff << (8 - bitsHere));
        }
        return Addresses.byAddress(b);
    }
}
