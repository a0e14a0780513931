package io.ctsync.daemon.filter;

import static io.ctsync.daemon.filter.BpfProgram.B;
import static io.ctsync.daemon.filter.BpfProgram.H;
import static io.ctsync.daemon.filter.BpfProgram.SKF_AD_NLATTR;
import static io.ctsync.daemon.filter.BpfProgram.SKF_AD_NLATTR_NEST;
import static io.ctsync.daemon.filter.BpfProgram.W;

import io.ctsync.config.AddressFamily;
import io.ctsync.config.Cidr;
import io.ctsync.config.FilterSettings;
import io.ctsync.config.Selection;
import io.ctsync.config.Settings;
import io.ctsync.daemon.filter.BpfProgram.Builder;
import io.ctsync.daemon.filter.BpfProgram.Instruction;
import io.ctsync.daemon.filter.BpfProgram.Label;
import io.ctsync.protocol.ctnetlink.Cta;
import io.ctsync.protocol.ctnetlink.CtnlMessage;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.Nfnetlink;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the kernel-expressible part of {@link FilterSettings} into a classic BPF program for the conntrack
 * event socket (ctnetlink.md §14), with exactly the user-space semantics of the settings' predicates.
 *
 * <p>Rules of the generated program:
 *
 * <ul>
 *   <li>Only conntrack NEW/UPDATE ({@code nlmsg_type} 0x0100) and DESTROY (0x0102) events are filtered; every
 *       other message (expectation events, {@code NLMSG_ERROR}, {@code NLMSG_DONE}, …) passes. {@code
 *       nlmsg_type} is host-endian while BPF loads are big-endian, so the constants are byte-swapped for a
 *       little-endian host.
 *   <li>DESTROY events get the same filter as NEW/UPDATE (an entry that never matched was never replicated),
 *       except the TCP state: an entry that was replicated while in an accepted state must have its DESTROY
 *       replicated whatever state it died in.
 *   <li>Protocol, addresses and TCP state come from {@code CTA_TUPLE_ORIG}/{@code CTA_TUPLE_REPLY} and {@code
 *       CTA_PROTOINFO}, found with {@code SKF_AD_NLATTR}/{@code SKF_AD_NLATTR_NEST}; an absent {@code
 *       CTA_MARK} or {@code CTA_ZONE} counts as 0. A message that lacks a tuple attribute passes (user space
 *       decodes and rejects it); a TCP event without {@code CTA_PROTOINFO} (an UPDATE that did not change the
 *       state) passes the state test, user space decides.
 *   <li>Address tests: implicit ignores (loopback, sync addresses) and the ignore list drop the event when
 *       the original or the reply source lies in a network; a non-empty accept list passes it only when
 *       either does. Networks of the other address family never match.
 *   <li>Labels and the minimum age are never compiled; if the program would exceed the instruction budget,
 *       the largest criteria are left to user space until it fits.
 * </ul>
 */
public final class KernelFilterCompiler {
    /** Return value that keeps the whole datagram (a socket filter truncates to the returned length). */
    static final int ACCEPT = -1;

    static final int DROP = 0;

    // nlmsghdr / nfgenmsg offsets
    private static final int OFF_NLMSG_TYPE = Netlink.OFF_TYPE;
    private static final int OFF_NFGEN_FAMILY = Netlink.NLMSG_HDRLEN;
    private static final int OFF_FIRST_ATTR = Nfnetlink.ATTRS_OFFSET;
    private static final int NLA_HDRLEN = Netlink.NLA_HDRLEN;

    private static final int IPPROTO_TCP = 6;

    // scratch memory cells
    private static final int M_PROTO = 0;
    private static final int M_MARK = 1;
    private static final int M_ZONE = 2;
    private static final int M_STATE = 3;
    private static final int M_V4_ORIG = 4;
    private static final int M_V4_REPLY = 5;
    private static final int M_V6_ORIG = 6; // 6..9
    private static final int M_V6_REPLY = 10; // 10..13

    private final int budget;
    private final ByteOrder hostOrder;

    /** A compiler for this machine's byte order and the kernel's 4096-instruction limit. */
    public KernelFilterCompiler() {
        this(BpfProgram.MAX_INSTRUCTIONS, ByteOrder.nativeOrder());
    }

    /**
     * @param budget the largest program to produce (at most 4096)
     * @param hostOrder byte order of the host that will run the program (the order of {@code nlmsghdr})
     */
    public KernelFilterCompiler(int budget, ByteOrder hostOrder) {
        if (budget < 16 || budget > BpfProgram.MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("budget " + budget + " not in 16.." + BpfProgram.MAX_INSTRUCTIONS);
        }
        this.budget = budget;
        this.hostOrder = hostOrder;
    }

    /** Compiles {@code settings.filter()} with {@link Settings#implicitAddressIgnores()}. */
    public CompiledFilter compile(Settings settings) {
        return compile(settings.filter(), settings.implicitAddressIgnores());
    }

    /** Compiles {@code filter}, adding {@code implicitIgnores} to its address ignore list. */
    public CompiledFilter compile(FilterSettings filter, List<Cidr> implicitIgnores) {
        Set<FilterCriterion> configured = configuredCriteria(filter, implicitIgnores);
        Set<FilterCriterion> kernel = EnumSet.noneOf(FilterCriterion.class);
        for (FilterCriterion c : configured) {
            if (c != FilterCriterion.LABEL && c != FilterCriterion.MIN_AGE) {
                kernel.add(c);
            }
        }
        while (true) {
            Map<FilterCriterion, Integer> sizes = new EnumMap<>(FilterCriterion.class);
            List<Instruction> code = generate(filter, implicitIgnores, kernel, sizes);
            if (code.size() <= budget) {
                Set<FilterCriterion> residual = EnumSet.noneOf(FilterCriterion.class);
                residual.addAll(configured);
                residual.removeAll(kernel);
                return new CompiledFilter(BpfProgram.of(code), kernel, residual);
            }
            FilterCriterion largest = Collections.max(sizes.entrySet(), Map.Entry.comparingByValue())
                    .getKey();
            kernel.remove(largest);
        }
    }

    /** The criteria {@code filter} (with the implicit ignores) actually restricts. */
    public static Set<FilterCriterion> configuredCriteria(FilterSettings filter, List<Cidr> implicitIgnores) {
        Set<FilterCriterion> out = EnumSet.noneOf(FilterCriterion.class);
        if (!filter.protocols().isEmpty()) {
            out.add(FilterCriterion.PROTOCOL);
        }
        if (!filter.addresses().isEmpty() || !implicitIgnores.isEmpty()) {
            out.add(FilterCriterion.ADDRESS);
        }
        if (!filter.tcpStates().isEmpty()) {
            out.add(FilterCriterion.TCP_STATE);
        }
        if (!filter.marks().isEmpty()) {
            out.add(FilterCriterion.MARK);
        }
        if (!filter.zones().isEmpty()) {
            out.add(FilterCriterion.ZONE);
        }
        if (!filter.labels().isEmpty()) {
            out.add(FilterCriterion.LABEL);
        }
        if (!filter.minAge().isZero() && !filter.minAge().isNegative()) {
            out.add(FilterCriterion.MIN_AGE);
        }
        return out;
    }

    private List<Instruction> generate(
            FilterSettings f,
            List<Cidr> implicitIgnores,
            Set<FilterCriterion> kernel,
            Map<FilterCriterion, Integer> sizes) {
        Builder b = BpfProgram.builder();
        Label accept = b.label("accept");
        Label drop = b.label("drop");

        // only conntrack NEW/UPDATE and DESTROY events are filtered
        Label conntrack = b.label("conntrack");
        b.ldAbs(H, OFF_NLMSG_TYPE);
        b.jeq(hostType(CtnlMessage.CT_NEW), conntrack, null);
        b.jeq(hostType(CtnlMessage.CT_DELETE), conntrack, accept);
        b.bind(conntrack);

        boolean needProto = kernel.contains(FilterCriterion.PROTOCOL) || kernel.contains(FilterCriterion.TCP_STATE);
        if (needProto) {
            findNested(b, accept, Cta.TUPLE_ORIG, Cta.Tuple.PROTO, Cta.Proto.NUM);
            b.tax().ldInd(B, NLA_HDRLEN).st(M_PROTO);
        }
        if (kernel.contains(FilterCriterion.PROTOCOL)) {
            int start = b.size();
            selection(
                    b, drop, f.protocols(), (bb, p, match) -> bb.ldMem(M_PROTO).jeq(p, match, null));
            sizes.put(FilterCriterion.PROTOCOL, b.size() - start);
        }
        if (kernel.contains(FilterCriterion.MARK)) {
            int start = b.size();
            loadOptional(b, Cta.MARK, W, M_MARK);
            selection(b, drop, f.marks(), (bb, m, match) -> {
                bb.ldMem(M_MARK);
                if (m.mask() != 0xffff_ffffL) {
                    bb.andImm((int) m.mask());
                }
                bb.jeq((int) m.value(), match, null);
            });
            sizes.put(FilterCriterion.MARK, b.size() - start);
        }
        if (kernel.contains(FilterCriterion.ZONE)) {
            int start = b.size();
            loadOptional(b, Cta.ZONE, H, M_ZONE);
            selection(b, drop, f.zones(), (bb, z, match) -> bb.ldMem(M_ZONE).jeq(z, match, null));
            sizes.put(FilterCriterion.ZONE, b.size() - start);
        }
        if (kernel.contains(FilterCriterion.TCP_STATE)) {
            int start = b.size();
            Label skip = b.label("state-done");
            b.ldMem(M_PROTO).jeq(IPPROTO_TCP, null, skip);
            b.ldAbs(H, OFF_NLMSG_TYPE).jeq(hostType(CtnlMessage.CT_DELETE), skip, null);
            findNested(b, skip, Cta.PROTOINFO, Cta.Protoinfo.TCP, Cta.Tcp.STATE);
            b.tax().ldInd(B, NLA_HDRLEN).st(M_STATE);
            selection(
                    b, drop, f.tcpStates(), (bb, s, match) -> bb.ldMem(M_STATE).jeq(s.kernelValue(), match, null));
            b.bind(skip);
            sizes.put(FilterCriterion.TCP_STATE, b.size() - start);
        }
        if (kernel.contains(FilterCriterion.ADDRESS)) {
            int start = b.size();
            addresses(b, accept, drop, f.addresses(), implicitIgnores);
            sizes.put(FilterCriterion.ADDRESS, b.size() - start);
        }
        b.bind(accept).ret(ACCEPT);
        b.bind(drop).ret(DROP);
        return b.layout();
    }

    /** {@code nlmsg_type} as a big-endian half-word load sees it on the target host. */
    private int hostType(int type) {
        return hostOrder == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes((short) type) & 0xffff : type;
    }

    /**
     * A = offset of the attribute reached by {@code path} (a top-level type, then nested types), or a jump to
     * {@code missing} if any step is absent.
     */
    private static void findNested(Builder b, Label missing, int... path) {
        b.ldImm(OFF_FIRST_ATTR).ldxImm(path[0]).ldAncillary(SKF_AD_NLATTR).jeq(0, missing, null);
        for (int i = 1; i < path.length; i++) {
            b.ldxImm(path[i]).ldAncillary(SKF_AD_NLATTR_NEST).jeq(0, missing, null);
        }
    }

    /** M[cell] = the payload of top-level attribute {@code type} ({@code size} load), or 0 when absent. */
    private static void loadOptional(Builder b, int type, int size, int cell) {
        Label store = b.label("store");
        b.ldImm(OFF_FIRST_ATTR).ldxImm(type).ldAncillary(SKF_AD_NLATTR).jeq(0, store, null);
        b.tax().ldInd(size, NLA_HDRLEN);
        b.bind(store).st(cell);
    }

    /** Emits a test that jumps to {@code match} when the element matches and falls through otherwise. */
    private interface ElementTest<T> {
        void emit(Builder b, T element, Label match);
    }

    /** Ignore list first (a match drops), then the accept list (no match drops); falls through on pass. */
    private static <T> void selection(Builder b, Label drop, Selection<T> sel, ElementTest<T> test) {
        selection(b, drop, sel.accept(), !sel.accept().isEmpty(), sel.ignore(), test);
    }

    /**
     * Like {@link #selection(Builder, Label, Selection, ElementTest)} for one address family: {@code acceptSet}
     * says whether the whole accept list is non-empty, in which case an empty {@code accept} (no network of
     * this family) drops everything.
     */
    private static <T> void selection(
            Builder b, Label drop, List<T> accept, boolean acceptSet, List<T> ignore, ElementTest<T> test) {
        for (T e : ignore) {
            test.emit(b, e, drop);
        }
        if (acceptSet) {
            Label ok = b.label("accepted");
            for (T e : accept) {
                test.emit(b, e, ok);
            }
            b.ja(drop);
            b.bind(ok);
        }
    }

    private static void addresses(Builder b, Label accept, Label drop, Selection<Cidr> sel, List<Cidr> implicit) {
        Set<Cidr> ignore = new LinkedHashSet<>(implicit);
        ignore.addAll(sel.ignore());
        Label v6 = b.label("v6");
        Label done = b.label("addresses-done");
        b.ldAbs(B, OFF_NFGEN_FAMILY).jeq(Nfnetlink.AF_INET, null, v6);

        // IPv4: M4 = original source, M5 = reply source
        findNested(b, accept, Cta.TUPLE_ORIG, Cta.Tuple.IP, Cta.Ip.V4_SRC);
        b.tax().ldInd(W, NLA_HDRLEN).st(M_V4_ORIG);
        findNested(b, accept, Cta.TUPLE_REPLY, Cta.Tuple.IP, Cta.Ip.V4_SRC);
        b.tax().ldInd(W, NLA_HDRLEN).st(M_V4_REPLY);
        ElementTest<Cidr> v4 = (bb, c, match) -> {
            matchV4(bb, M_V4_ORIG, c, match);
            matchV4(bb, M_V4_REPLY, c, match);
        };
        boolean acceptSet = !sel.accept().isEmpty();
        selection(b, drop, family(sel.accept(), AddressFamily.IPV4), acceptSet, family(ignore, AddressFamily.IPV4), v4);
        b.ja(done);

        // IPv6: M6..9 = original source, M10..13 = reply source
        b.bind(v6).jeq(Nfnetlink.AF_INET6, null, accept);
        findNested(b, accept, Cta.TUPLE_ORIG, Cta.Tuple.IP, Cta.Ip.V6_SRC);
        storeV6(b, M_V6_ORIG);
        findNested(b, accept, Cta.TUPLE_REPLY, Cta.Tuple.IP, Cta.Ip.V6_SRC);
        storeV6(b, M_V6_REPLY);
        ElementTest<Cidr> v6test = (bb, c, match) -> {
            matchV6(bb, M_V6_ORIG, c, match);
            matchV6(bb, M_V6_REPLY, c, match);
        };
        selection(
                b,
                drop,
                family(sel.accept(), AddressFamily.IPV6),
                acceptSet,
                family(ignore, AddressFamily.IPV6),
                v6test);
        b.bind(done);
    }

    private static List<Cidr> family(Iterable<Cidr> cidrs, AddressFamily family) {
        List<Cidr> out = new ArrayList<>();
        for (Cidr c : cidrs) {
            if (c.family() == family) {
                out.add(c);
            }
        }
        return out;
    }

    private static void storeV6(Builder b, int firstCell) {
        b.tax();
        for (int w = 0; w < 4; w++) {
            b.ldInd(W, NLA_HDRLEN + 4 * w).st(firstCell + w);
        }
    }

    private static void matchV4(Builder b, int cell, Cidr c, Label match) {
        int prefix = c.prefixLength();
        if (prefix == 0) {
            b.ja(match);
            return;
        }
        b.ldMem(cell);
        if (prefix < 32) {
            b.andImm(prefixMask(prefix));
        }
        b.jeq(word(c.network().getAddress(), 0), match, null);
    }

    private static void matchV6(Builder b, int firstCell, Cidr c, Label match) {
        int prefix = c.prefixLength();
        if (prefix == 0) {
            b.ja(match);
            return;
        }
        byte[] net = c.network().getAddress();
        int words = (prefix + 31) / 32;
        Label miss = b.label("v6-miss");
        for (int w = 0; w < words; w++) {
            int bits = Math.min(32, prefix - 32 * w);
            b.ldMem(firstCell + w);
            if (bits < 32) {
                b.andImm(prefixMask(bits));
            }
            if (w == words - 1) {
                b.jeq(word(net, w), match, null);
            } else {
                b.jeq(word(net, w), null, miss);
            }
        }
        b.bind(miss);
    }

    private static int prefixMask(int bits) {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    private static int word(byte[] bytes, int index) {
        int o = 4 * index;
        return (bytes[o] & 0xff) << 24
                | (bytes[o + 1] & 0xff) << 16
                | (bytes[o + 2] & 0xff) << 8
                | (bytes[o + 3] & 0xff);
    }
}
