package io.ctsync.daemon.filter;

import static io.ctsync.daemon.filter.TestEvents.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.config.Cidr;
import io.ctsync.config.FilterLocation;
import io.ctsync.config.FilterSettings;
import io.ctsync.config.MarkMatch;
import io.ctsync.config.Selection;
import io.ctsync.config.TcpState;
import io.ctsync.daemon.filter.TestEvents.Event;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The compiled event-socket program decides exactly as the settings' predicates do, within the kernel's limits. */
class KernelFilterCompilerTest {
    private static final ByteOrder HOST = ByteOrder.nativeOrder();
    private static final KernelFilterCompiler COMPILER = new KernelFilterCompiler();

    private static final int[] PROTOCOLS = {1, 6, 17, 58, 132};
    private static final String[] NETWORKS = {
        "10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "192.168.0.0/24", "192.168.0.0/23", "0.0.0.0/0", "10.1.2.0/31",
        "2001:db8::/32", "2001:db8::1", "2001:db8:0:1::/64", "fe80::/10", "::/0", "2001:db8::/33", "2001:db8::/127"
    };
    private static final String[] V4_HOSTS = {
        "10.1.2.3", "10.1.2.1", "10.1.9.9", "10.2.0.1", "192.168.0.7", "192.168.1.7", "127.0.0.1", "172.16.0.1"
    };
    private static final String[] V6_HOSTS = {
        "2001:db8::1", "2001:db8::2", "2001:db8:0:1::5", "2001:db8:8000::1", "2001:db9::1", "::1", "fe80::1"
    };
    private static final MarkMatch[] MARKS = {
        new MarkMatch(0x10, 0xff),
        new MarkMatch(0, 0xffff_ffffL),
        new MarkMatch(1, 1),
        new MarkMatch(0x8000_0000L, 0x8000_0000L),
        new MarkMatch(0x110, 0xffff_ffffL)
    };
    private static final long[] ENTRY_MARKS = {0, 0x10, 0x110, 1, 0x8000_0010L, 0xffff_ffffL};
    private static final int[] ZONES = {0, 1, 7, 65535};

    static FilterSettings settings(
            Selection<Integer> protocols,
            Selection<Cidr> addresses,
            Selection<TcpState> states,
            Selection<MarkMatch> marks,
            Selection<Integer> zones) {
        return new FilterSettings(
                FilterLocation.KERNEL,
                protocols,
                addresses,
                false,
                false,
                states,
                marks,
                zones,
                Selection.all(),
                Duration.ZERO);
    }

    static FilterSettings none() {
        return settings(Selection.all(), Selection.all(), Selection.all(), Selection.all(), Selection.all());
    }

    private static boolean kernelPasses(CompiledFilter c, byte[] message) {
        return BpfInterpreter.run(c.program(), message, HOST) != 0;
    }

    private static Event event(
            EventKind kind, int proto, String src, String dst, String replySrc, int state, long mark, int zone) {
        return new Event(kind, proto, ip(src), ip(dst), ip(replySrc), state, mark, zone, false);
    }

    @Test
    void randomFiltersAgreeWithTheSettingsPredicatesOnRandomEvents() {
        Random rnd = new Random(20261125);
        int disagreements = 0;
        int passes = 0;
        int checked = 0;
        for (int round = 0; round < 400; round++) {
            FilterSettings f = settings(
                    randomSelection(rnd, i -> PROTOCOLS[i], PROTOCOLS.length),
                    randomSelection(rnd, i -> Cidr.parse(NETWORKS[i]).orElseThrow(), NETWORKS.length),
                    randomSelection(rnd, i -> TcpState.values()[i], TcpState.values().length),
                    randomSelection(rnd, i -> MARKS[i], MARKS.length),
                    randomSelection(rnd, i -> ZONES[i], ZONES.length));
            List<Cidr> implicit = new ArrayList<>();
            if (rnd.nextBoolean()) {
                implicit.addAll(FilterSettings.LOOPBACK);
            }
            if (rnd.nextInt(3) == 0) {
                implicit.add(Cidr.parse(rnd.nextBoolean() ? "10.1.9.9" : "2001:db8::2")
                        .orElseThrow());
            }
            CompiledFilter c = COMPILER.compile(f, implicit);
            assertTrue(
                    c.residualUserSpaceCriteria().isEmpty(),
                    c.residualUserSpaceCriteria().toString());
            for (int i = 0; i < 60; i++) {
                Event e = randomEvent(rnd);
                boolean expected = e.admittedBy(f, implicit);
                boolean actual = kernelPasses(c, e.bytes());
                checked++;
                if (expected) {
                    passes++;
                }
                if (expected != actual) {
                    disagreements++;
                    if (disagreements < 5) {
                        System.err.println(
                                "disagree on " + e + " with " + f + " implicit " + implicit + ": kernel " + actual);
                    }
                }
            }
        }
        assertEquals(0, disagreements);
        // the generator must exercise both outcomes
        assertTrue(passes > checked / 20 && passes < checked * 19 / 20, passes + " of " + checked);
    }

    private static <T> Selection<T> randomSelection(Random rnd, Function<Integer, T> pool, int size) {
        List<T> accept = new ArrayList<>();
        List<T> ignore = new ArrayList<>();
        int mode = rnd.nextInt(4);
        if (mode == 1 || mode == 3) {
            for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
                accept.add(pool.apply(rnd.nextInt(size)));
            }
        }
        if (mode == 2 || mode == 3) {
            for (int i = 0, n = 1 + rnd.nextInt(2); i < n; i++) {
                ignore.add(pool.apply(rnd.nextInt(size)));
            }
        }
        return new Selection<>(accept, ignore);
    }

    private static Event randomEvent(Random rnd) {
        boolean v6 = rnd.nextBoolean();
        String[] hosts = v6 ? V6_HOSTS : V4_HOSTS;
        int proto = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
        if (v6 && proto == 1) {
            proto = 58;
        } else if (!v6 && proto == 58) {
            proto = 1;
        }
        int state = proto == 6 ? rnd.nextInt(12) - 1 : (rnd.nextInt(5) == 0 ? 3 : -1);
        state = Math.min(state, 9);
        EventKind kind = EventKind.values()[rnd.nextInt(3)];
        return new Event(
                kind,
                proto,
                ip(hosts[rnd.nextInt(hosts.length)]),
                ip(hosts[rnd.nextInt(hosts.length)]),
                ip(hosts[rnd.nextInt(hosts.length)]),
                state,
                ENTRY_MARKS[rnd.nextInt(ENTRY_MARKS.length)],
                ZONES[rnd.nextInt(ZONES.length)],
                rnd.nextBoolean());
    }

    @Test
    void messagesOtherThanConntrackEventsAlwaysPass() {
        FilterSettings rejectAll = settings(
                new Selection<>(List.of(255), List.of()),
                Selection.all(),
                Selection.all(),
                Selection.all(),
                Selection.all());
        CompiledFilter c = COMPILER.compile(rejectAll, List.of());
        assertFalse(kernelPasses(
                c,
                event(EventKind.NEW, 17, "10.0.0.1", "10.0.0.2", "10.0.0.2", -1, 0, 0)
                        .bytes()));
        for (int type : new int[] {0x0002, 0x0003, 0x0200, 0x0202, 0x0101, 0x0105}) {
            assertTrue(kernelPasses(c, TestEvents.other(type)), "type 0x" + Integer.toHexString(type));
        }
    }

    @Test
    void destroyEventsIgnoreTheTcpStateButNotOtherCriteria() {
        FilterSettings f = settings(
                Selection.all(),
                Selection.all(),
                new Selection<>(List.of(TcpState.ESTABLISHED), List.of()),
                new Selection<>(List.of(new MarkMatch(5, 0xffff_ffffL)), List.of()),
                Selection.all());
        CompiledFilter c = COMPILER.compile(f, List.of());
        assertTrue(kernelPasses(
                c,
                event(EventKind.NEW, 6, "10.0.0.1", "10.0.0.2", "10.0.0.2", 3, 5, 0)
                        .bytes()));
        assertFalse(kernelPasses(
                c,
                event(EventKind.UPDATE, 6, "10.0.0.1", "10.0.0.2", "10.0.0.2", 7, 5, 0)
                        .bytes()));
        assertTrue(kernelPasses(
                c,
                event(EventKind.DESTROY, 6, "10.0.0.1", "10.0.0.2", "10.0.0.2", 7, 5, 0)
                        .bytes()));
        assertFalse(kernelPasses(
                c,
                event(EventKind.DESTROY, 6, "10.0.0.1", "10.0.0.2", "10.0.0.2", 7, 6, 0)
                        .bytes()));
        // an UPDATE without CTA_PROTOINFO is left to user space
        assertTrue(kernelPasses(
                c,
                event(EventKind.UPDATE, 6, "10.0.0.1", "10.0.0.2", "10.0.0.2", -1, 5, 0)
                        .bytes()));
        // non-TCP entries are not affected by the state list
        assertTrue(kernelPasses(
                c,
                event(EventKind.NEW, 17, "10.0.0.1", "10.0.0.2", "10.0.0.2", -1, 5, 0)
                        .bytes()));
    }

    @Test
    void anAcceptListMatchesTheOriginalOrTheReplySource() {
        FilterSettings f = settings(
                Selection.all(),
                new Selection<>(List.of(Cidr.parse("192.0.2.0/24").orElseThrow()), List.of()),
                Selection.all(),
                Selection.all(),
                Selection.all());
        CompiledFilter c = COMPILER.compile(f, List.of());
        // original source matches
        assertTrue(kernelPasses(
                c,
                event(EventKind.NEW, 17, "192.0.2.9", "10.0.0.2", "10.0.0.2", -1, 0, 0)
                        .bytes()));
        // reply source matches (DNAT'ed server)
        assertTrue(kernelPasses(
                c,
                event(EventKind.NEW, 17, "10.0.0.1", "198.51.100.1", "192.0.2.80", -1, 0, 0)
                        .bytes()));
        // only the original destination matches: not enough (conntrackd's kernel filter differs here, on purpose)
        assertFalse(kernelPasses(
                c,
                event(EventKind.NEW, 17, "10.0.0.1", "192.0.2.80", "10.9.9.9", -1, 0, 0)
                        .bytes()));
        // an IPv6 entry never matches an IPv4 accept list
        assertFalse(kernelPasses(
                c,
                event(EventKind.NEW, 17, "2001:db8::1", "2001:db8::2", "2001:db8::2", -1, 0, 0)
                        .bytes()));
    }

    @Test
    void implicitIgnoresDropLoopbackAndSyncAddresses() {
        List<Cidr> implicit = new ArrayList<>(FilterSettings.LOOPBACK);
        implicit.add(Cidr.host(ip("10.255.0.1")));
        CompiledFilter c = COMPILER.compile(none(), implicit);
        assertEquals(Set.of(FilterCriterion.ADDRESS), c.kernelCriteria());
        assertFalse(kernelPasses(
                c,
                event(EventKind.NEW, 6, "127.0.0.1", "127.0.0.1", "127.0.0.1", 3, 0, 0)
                        .bytes()));
        assertFalse(kernelPasses(
                c, event(EventKind.NEW, 6, "::1", "::1", "::1", 3, 0, 0).bytes()));
        assertFalse(kernelPasses(
                c,
                event(EventKind.DESTROY, 17, "10.255.0.2", "10.255.0.1", "10.255.0.1", -1, 0, 0)
                        .bytes()));
        assertTrue(kernelPasses(
                c,
                event(EventKind.NEW, 17, "10.255.0.2", "10.255.0.3", "10.255.0.3", -1, 0, 0)
                        .bytes()));
    }

    @Test
    void labelsAndMinimumAgeAreLeftToUserSpace() {
        FilterSettings f = new FilterSettings(
                FilterLocation.KERNEL,
                new Selection<>(List.of(6), List.of()),
                Selection.all(),
                false,
                false,
                Selection.all(),
                Selection.all(),
                Selection.all(),
                new Selection<>(List.of(3), List.of()),
                Duration.ofSeconds(5));
        CompiledFilter c = COMPILER.compile(f, List.of());
        assertEquals(Set.of(FilterCriterion.PROTOCOL), c.kernelCriteria());
        assertEquals(Set.of(FilterCriterion.LABEL, FilterCriterion.MIN_AGE), c.residualUserSpaceCriteria());
    }

    @Test
    void noCriteriaCompileToAProgramThatPassesEverything() {
        CompiledFilter c = COMPILER.compile(none(), List.of());
        assertFalse(c.filtersInKernel());
        assertTrue(kernelPasses(
                c,
                event(EventKind.NEW, 6, "127.0.0.1", "127.0.0.1", "127.0.0.1", 3, 0, 0)
                        .bytes()));
    }

    /** Hundreds of networks: jumps beyond 255 instructions go through trampolines and still agree. */
    @Test
    void largeAddressListsUseTrampolinesAndStillAgree() {
        List<Cidr> ignore = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ignore.add(Cidr.host(ip("10.7." + (i / 250) + "." + (i % 250))));
        }
        List<Cidr> accept = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            accept.add(
                    Cidr.parse("2001:db8:" + Integer.toHexString(i) + "::/48").orElseThrow());
        }
        accept.add(Cidr.parse("10.0.0.0/8").orElseThrow());
        FilterSettings f = settings(
                Selection.all(),
                new Selection<>(accept, ignore),
                new Selection<>(List.of(TcpState.ESTABLISHED), List.of()),
                Selection.all(),
                Selection.all());
        CompiledFilter c = COMPILER.compile(f, List.of());
        assertEquals(Set.of(), c.residualUserSpaceCriteria());
        assertTrue(c.program().size() > 1000, "size " + c.program().size());
        assertTrue(c.program().instructions().stream()
                .anyMatch(i -> i.code() == (BpfProgram.JMP | BpfProgram.JA) && i.k() > 255));
        String[][] cases = {
            {"10.7.0.5", "true-drop"},
            {"10.7.1.49", "true-drop"},
            {"10.7.1.50", "pass"},
            {"10.9.0.1", "pass"},
            {"172.16.0.1", "drop"},
            {"2001:db8:3b::9", "pass"},
            {"2001:db8:3c::9", "drop"}
        };
        for (String[] k : cases) {
            Event e = event(
                    EventKind.NEW,
                    6,
                    k[0],
                    k[0].contains(":") ? "2001:db8:ffff::1" : "172.31.0.1",
                    k[0].contains(":") ? "2001:db8:ffff::1" : "172.31.0.1",
                    3,
                    0,
                    0);
            assertEquals(e.admittedBy(f, List.of()), kernelPasses(c, e.bytes()), k[0]);
            assertEquals(k[1].equals("pass"), kernelPasses(c, e.bytes()), k[0]);
        }
    }

    @Test
    void criteriaBeyondTheInstructionBudgetAreLeftToUserSpace() {
        List<Cidr> ignore = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ignore.add(Cidr.host(ip("10.7.0." + i)));
        }
        FilterSettings f = settings(
                new Selection<>(List.of(6, 17), List.of()),
                new Selection<>(List.of(), ignore),
                Selection.all(),
                Selection.all(),
                Selection.all());
        CompiledFilter small = new KernelFilterCompiler(200, HOST).compile(f, List.of());
        assertEquals(Set.of(FilterCriterion.PROTOCOL), small.kernelCriteria());
        assertEquals(Set.of(FilterCriterion.ADDRESS), small.residualUserSpaceCriteria());
        assertTrue(small.program().size() <= 200);
        // the kernel part still filters: protocol drops, the ignored address passes up for user space
        assertFalse(kernelPasses(
                small,
                event(EventKind.NEW, 1, "10.0.0.1", "10.0.0.2", "10.0.0.2", -1, 0, 0)
                        .bytes()));
        assertTrue(kernelPasses(
                small,
                event(EventKind.NEW, 17, "10.7.0.3", "10.0.0.2", "10.0.0.2", -1, 0, 0)
                        .bytes()));
        CompiledFilter full = COMPILER.compile(f, List.of());
        assertFalse(kernelPasses(
                full,
                event(EventKind.NEW, 17, "10.7.0.3", "10.0.0.2", "10.0.0.2", -1, 0, 0)
                        .bytes()));
    }

    @Test
    void theMessageTypeConstantFollowsTheHostByteOrder() {
        FilterSettings f = settings(
                new Selection<>(List.of(6), List.of()),
                Selection.all(),
                Selection.all(),
                Selection.all(),
                Selection.all());
        BpfProgram little = new KernelFilterCompiler(4096, ByteOrder.LITTLE_ENDIAN)
                .compile(f, List.of())
                .program();
        BpfProgram big = new KernelFilterCompiler(4096, ByteOrder.BIG_ENDIAN)
                .compile(f, List.of())
                .program();
        assertEquals(0x0001, little.get(1).k());
        assertEquals(0x0201, little.get(2).k());
        assertEquals(0x0100, big.get(1).k());
        assertEquals(0x0102, big.get(2).k());
        assertNotEquals(little, big);
    }

    @Test
    void explicitZeroMarkAndZoneMatchLikeAbsentOnes() {
        FilterSettings f = settings(
                Selection.all(),
                Selection.all(),
                Selection.all(),
                new Selection<>(List.of(new MarkMatch(0, 0xffff_ffffL)), List.of()),
                new Selection<>(List.of(0), List.of()));
        CompiledFilter c = COMPILER.compile(f, List.of());
        for (boolean explicit : new boolean[] {false, true}) {
            Event e =
                    new Event(EventKind.UPDATE, 17, ip("10.0.0.1"), ip("10.0.0.2"), ip("10.0.0.2"), -1, 0, 0, explicit);
            assertTrue(kernelPasses(c, e.bytes()));
        }
        Event marked = event(EventKind.UPDATE, 17, "10.0.0.1", "10.0.0.2", "10.0.0.2", -1, 1, 0);
        assertFalse(kernelPasses(c, marked.bytes()));
        Event zoned = event(EventKind.UPDATE, 17, "10.0.0.1", "10.0.0.2", "10.0.0.2", -1, 0, 3);
        assertFalse(kernelPasses(c, zoned.bytes()));
    }

    @Test
    void aTruncatedDatagramIsDroppedLikeTheKernelDoesOnOutOfRangeLoads() {
        BpfProgram p = BpfProgram.builder().ldAbs(BpfProgram.W, 100).ret(-1).build();
        assertEquals(0, BpfInterpreter.run(p, new byte[20], HOST));
        assertEquals(-1, BpfInterpreter.run(p, new byte[104], HOST));
    }
}
