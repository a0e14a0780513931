package io.ctsync.daemon.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctsync.config.Cidr;
import io.ctsync.config.FilterLocation;
import io.ctsync.config.FilterSettings;
import io.ctsync.config.MarkMatch;
import io.ctsync.config.Selection;
import io.ctsync.config.TcpState;
import io.ctsync.daemon.netlink.NativeBuffer;
import io.ctsync.daemon.netlink.NetlinkSocket;
import io.ctsync.daemon.testing.TestNetns;
import io.ctsync.protocol.netlink.NetlinkAttributeReader;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compiled program attached to a real event socket in a private namespace lets only the matching
 * conntrack events reach user space, per criterion; an unfiltered socket beside it proves the others were
 * emitted.
 */
class KernelFilterIT {
    private TestNetns ns;

    @BeforeEach
    void setUp() {
        TestNetns.assumeRootWithIp();
        TestNetns.assumeCommand("conntrack");
        ns = TestNetns.create("kflt");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    /** One entry to insert with {@code conntrack -I}; its original source port identifies its events. */
    private record Insert(int sport, boolean newPasses, boolean destroyPasses, String... args) {}

    private static Insert udp(int sport, boolean passes, String src, String dst, String... extra) {
        List<String> a = new ArrayList<>(
                List.of("-p", "udp", "-s", src, "-d", dst, "--sport", "" + sport, "--dport", "53", "-t", "60"));
        a.addAll(Arrays.asList(extra));
        return new Insert(sport, passes, passes, a.toArray(new String[0]));
    }

    private static Insert tcp(int sport, boolean newPasses, boolean destroyPasses, String state, String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "-p",
                "tcp",
                "-s",
                "10.0.0.1",
                "-d",
                "10.0.0.2",
                "--sport",
                "" + sport,
                "--dport",
                "80",
                "--state",
                state,
                "-t",
                "60"));
        a.addAll(Arrays.asList(extra));
        return new Insert(sport, newPasses, destroyPasses, a.toArray(new String[0]));
    }

    private static FilterSettings filter(
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

    private static <T> Selection<T> accept(List<T> values) {
        return new Selection<>(values, List.of());
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow();
    }

    /**
     * Inserts the entries, flushes the table, and checks that the filtered socket received exactly the
     * expected NEW and DESTROY events while an unfiltered socket received all of them.
     */
    private void check(FilterSettings settings, List<Cidr> implicit, Insert... inserts) throws Exception {
        CompiledFilter compiled = new KernelFilterCompiler().compile(settings, implicit);
        try (NetlinkSocket filtered = ns.namespace().openNetlinkSocket();
                NetlinkSocket all = ns.namespace().openNetlinkSocket()) {
            for (NetlinkSocket s : List.of(filtered, all)) {
                s.setReceiveBuffer(8 << 20);
                s.setReceiveTimeout(Duration.ofMillis(300));
                s.joinGroup(1);
                s.joinGroup(2);
                s.joinGroup(3);
            }
            BpfProgram p = compiled.program();
            filtered.attachFilter(p.codes(), p.jumpsIfTrue(), p.jumpsIfFalse(), p.constants());

            for (Insert in : inserts) {
                List<String> cmd = new ArrayList<>(List.of("conntrack", "-I"));
                cmd.addAll(Arrays.asList(in.args()));
                ns.exec(cmd.toArray(new String[0]));
            }
            ns.exec("conntrack", "-F");
            ns.exec("conntrack", "-F", "-f", "ipv6");

            Set<String> expected = new TreeSet<>();
            Set<String> everything = new TreeSet<>();
            for (Insert in : inserts) {
                everything.add("NEW " + in.sport());
                everything.add("DESTROY " + in.sport());
                if (in.newPasses()) {
                    expected.add("NEW " + in.sport());
                }
                if (in.destroyPasses()) {
                    expected.add("DESTROY " + in.sport());
                }
            }
            List<String> interpreterPasses = new ArrayList<>();
            List<String> seenAll = drain(all, p, interpreterPasses);
            List<String> seenFiltered = drain(filtered);
            assertEquals(everything, new TreeSet<>(seenAll), "unfiltered socket");
            assertEquals(everything.size(), seenAll.size(), "one datagram per event: " + seenAll);
            assertEquals(expected, new TreeSet<>(seenFiltered), "filtered socket, program:\n" + p);
            assertEquals(expected.size(), seenFiltered.size(), "no other datagram reached user space: " + seenFiltered);
            // the test interpreter decides the kernel's own datagrams exactly as the kernel did
            assertEquals(seenFiltered, interpreterPasses, "interpreter on the real datagrams");
        }
    }

    /** Reads datagrams until the receive timeout; one "KIND sport" per event message. */
    private static List<String> drain(NetlinkSocket s) {
        return drain(s, null, null);
    }

    /**
     * Like {@link #drain(NetlinkSocket)}; with a program, also runs {@link BpfInterpreter} on each real
     * datagram and collects the events it passes into {@code interpreterPasses}.
     */
    private static List<String> drain(NetlinkSocket s, BpfProgram program, List<String> interpreterPasses) {
        NativeBuffer buf = NativeBuffer.allocate(65536);
        List<String> out = new ArrayList<>();
        while (true) {
            int n = s.receive(buf, 0, 65536, false);
            if (n < 0) {
                return out;
            }
            byte[] copy = new byte[n];
            buf.buffer().duplicate().position(0).get(copy, 0, n);
            ByteBuffer bb = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
            NetlinkMessageReader r = new NetlinkMessageReader(bb, 0, n);
            int messages = 0;
            while (r.next()) {
                messages++;
                String kind =
                        switch (r.type()) {
                            case 0x0100 -> (r.flags() & 0x600) != 0 ? "NEW" : "UPDATE";
                            case 0x0102 -> "DESTROY";
                            default -> "TYPE" + Integer.toHexString(r.type());
                        };
                String event = kind + " " + originalSourcePort(bb, r);
                out.add(event);
                if (program != null && BpfInterpreter.run(program, copy, ByteOrder.nativeOrder()) != 0) {
                    interpreterPasses.add(event);
                }
            }
            assertEquals(1, messages, "messages in one event datagram");
        }
    }

    private static int originalSourcePort(ByteBuffer bb, NetlinkMessageReader r) {
        NetlinkAttributeReader top =
                new NetlinkAttributeReader().reset(bb, r.payloadOffset() + 4, r.payloadLength() - 4);
        while (top.next()) {
            if (top.type() == 1) {
                NetlinkAttributeReader tuple = new NetlinkAttributeReader().resetToChildren(top);
                while (tuple.next()) {
                    if (tuple.type() == 2) {
                        NetlinkAttributeReader proto = new NetlinkAttributeReader().resetToChildren(tuple);
                        while (proto.next()) {
                            if (proto.type() == 2) {
                                return proto.be16();
                            }
                        }
                    }
                }
            }
        }
        return -1;
    }

    @Test
    void onlyAcceptedProtocolsReachUserSpace() throws Exception {
        check(
                filter(accept(List.of(6)), Selection.all(), Selection.all(), Selection.all(), Selection.all()),
                List.of(),
                tcp(1001, true, true, "ESTABLISHED"),
                udp(1002, false, "10.0.0.1", "10.0.0.2"),
                tcp(1003, true, true, "SYN_SENT"));
    }

    @Test
    void ignoredProtocolsDoNotReachUserSpace() throws Exception {
        check(
                filter(
                        new Selection<>(List.of(), List.of(17)),
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        Selection.all()),
                List.of(),
                tcp(1011, true, true, "ESTABLISHED"),
                udp(1012, false, "10.0.0.1", "10.0.0.2"));
    }

    @Test
    void tcpStatesFilterNewEventsButNeverDestroyEvents() throws Exception {
        check(
                filter(
                        Selection.all(),
                        Selection.all(),
                        accept(List.of(TcpState.ESTABLISHED)),
                        Selection.all(),
                        Selection.all()),
                List.of(),
                tcp(1101, true, true, "ESTABLISHED"),
                tcp(1102, false, true, "SYN_SENT"),
                tcp(1103, false, true, "TIME_WAIT"),
                udp(1104, true, "10.0.0.1", "10.0.0.2"));
    }

    @Test
    void marksFilterByValueAndMaskWithAnAbsentMarkAsZero() throws Exception {
        check(
                filter(
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        accept(List.of(new MarkMatch(0x10, 0xf0))),
                        Selection.all()),
                List.of(),
                udp(1201, true, "10.0.0.1", "10.0.0.2", "-m", "0x15"),
                udp(1202, false, "10.0.0.1", "10.0.0.2", "-m", "0x25"),
                udp(1203, false, "10.0.0.1", "10.0.0.2"));
        check(
                filter(
                        Selection.all(),
                        Selection.all(),
                        Selection.all(),
                        new Selection<>(List.of(), List.of(new MarkMatch(0, 0xffff_ffffL))),
                        Selection.all()),
                List.of(),
                udp(1211, true, "10.0.0.1", "10.0.0.2", "-m", "7"),
                udp(1212, false, "10.0.0.1", "10.0.0.2"));
    }

    @Test
    void anUpdateThatMakesAnEntryMatchReachesUserSpace() throws Exception {
        FilterSettings f = filter(
                Selection.all(),
                Selection.all(),
                Selection.all(),
                accept(List.of(new MarkMatch(0x10, 0xf0))),
                Selection.all());
        CompiledFilter compiled = new KernelFilterCompiler().compile(f, List.of());
        try (NetlinkSocket s = ns.namespace().openNetlinkSocket()) {
            s.setReceiveTimeout(Duration.ofMillis(300));
            s.joinGroup(1);
            s.joinGroup(2);
            s.joinGroup(3);
            s.attachFilter(compiled.program().toSocketFilter());
            String[] tuple = {"-p", "udp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "1251", "--dport", "53"};
            List<String> insert = new ArrayList<>(List.of("conntrack", "-I"));
            insert.addAll(Arrays.asList(tuple));
            insert.addAll(List.of("-t", "60", "-m", "0x25"));
            ns.exec(insert.toArray(new String[0]));
            List<String> update = new ArrayList<>(List.of("conntrack", "-U"));
            update.addAll(Arrays.asList(tuple));
            update.addAll(List.of("-m", "0x15"));
            ns.exec(update.toArray(new String[0]));
            ns.exec("conntrack", "-F");
            assertEquals(List.of("UPDATE 1251", "DESTROY 1251"), drain(s));
        }
    }

    @Test
    void zonesFilterWithAnAbsentZoneAsZero() throws Exception {
        check(
                filter(Selection.all(), Selection.all(), Selection.all(), Selection.all(), accept(List.of(3))),
                List.of(),
                udp(1301, true, "10.0.0.1", "10.0.0.2", "-w", "3"),
                udp(1302, false, "10.0.0.1", "10.0.0.2"),
                udp(1303, false, "10.0.0.1", "10.0.0.2", "-w", "4"));
    }

    @Test
    void ipv4AcceptListMatchesOriginalOrReplySource() throws Exception {
        check(
                filter(
                        Selection.all(),
                        accept(List.of(cidr("10.1.0.0/16"))),
                        Selection.all(),
                        Selection.all(),
                        Selection.all()),
                List.of(),
                udp(1401, true, "10.1.0.5", "10.2.0.1"),
                udp(1402, true, "10.2.0.5", "10.1.0.9"),
                udp(1403, false, "10.2.0.5", "10.3.0.9"),
                udp(1404, false, "2001:db8:1::5", "2001:db8:1::6"));
    }

    @Test
    void ignoredNetworksLoopbackAndSyncAddressesDoNotReachUserSpace() throws Exception {
        List<Cidr> implicit = new ArrayList<>(FilterSettings.LOOPBACK);
        implicit.add(cidr("10.9.9.9"));
        implicit.add(cidr("2001:db8:99::1"));
        check(
                filter(
                        Selection.all(),
                        new Selection<>(List.of(), List.of(cidr("10.3.0.0/16"), cidr("2001:db8:3::/48"))),
                        Selection.all(),
                        Selection.all(),
                        Selection.all()),
                implicit,
                udp(1501, true, "10.2.0.5", "10.2.0.6"),
                udp(1502, false, "10.3.0.5", "10.2.0.6"),
                udp(1503, false, "10.2.0.5", "10.3.0.6"),
                udp(1504, false, "127.0.0.1", "127.0.0.2"),
                udp(1505, false, "10.2.0.5", "10.9.9.9"),
                udp(1506, true, "2001:db8:2::5", "2001:db8:2::6"),
                udp(1507, false, "2001:db8:2::5", "2001:db8:3::6"),
                udp(1508, false, "::1", "::1"),
                udp(1509, false, "2001:db8:99::1", "2001:db8:2::6"));
    }

    @Test
    void ipv6AcceptListMatchesOriginalOrReplySource() throws Exception {
        check(
                filter(
                        Selection.all(),
                        accept(List.of(cidr("2001:db8:1::/48"))),
                        Selection.all(),
                        Selection.all(),
                        Selection.all()),
                List.of(),
                udp(1601, true, "2001:db8:1::5", "2001:db8:2::1"),
                udp(1602, true, "2001:db8:2::5", "2001:db8:1::9"),
                udp(1603, false, "2001:db8:2::5", "2001:db8:3::9"),
                udp(1604, false, "10.0.0.1", "10.0.0.2"));
    }

    @Test
    void criteriaCombineAndLargeProgramsWithTrampolinesLoad() throws Exception {
        List<Cidr> ignore = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ignore.add(cidr("10.7." + (i / 200) + "." + (i % 200)));
        }
        FilterSettings f = filter(
                accept(List.of(6, 17)),
                new Selection<>(List.of(), ignore),
                accept(List.of(TcpState.ESTABLISHED)),
                Selection.all(),
                new Selection<>(List.of(), List.of(9)));
        CompiledFilter c = new KernelFilterCompiler().compile(f, List.of());
        org.junit.jupiter.api.Assertions.assertTrue(
                c.program().size() > 2000, "size " + c.program().size());
        check(
                f,
                List.of(),
                udp(1701, true, "10.2.0.5", "10.2.0.6"),
                udp(1702, false, "10.7.1.99", "10.2.0.6"),
                udp(1703, false, "10.2.0.5", "10.2.0.6", "-w", "9"),
                tcp(1704, false, true, "SYN_SENT"),
                tcp(1705, true, true, "ESTABLISHED"));
    }
}
