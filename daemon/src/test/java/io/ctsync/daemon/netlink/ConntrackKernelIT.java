package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.testing.ConntrackToolLine;
import io.ctsync.daemon.testing.TestNetns;
import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackKey;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.DccpInfo;
import io.ctsync.protocol.conntrack.DccpState;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.Labels;
import io.ctsync.protocol.conntrack.NatRange;
import io.ctsync.protocol.conntrack.SctpInfo;
import io.ctsync.protocol.conntrack.SctpState;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Tuple;
import io.ctsync.protocol.ctnetlink.DumpFilter;
import io.ctsync.protocol.ctnetlink.MessageKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The netlink layer against the real kernel in a private namespace: entries of every protocol written by
 * the batched writer, read back by the streaming dump and by conntrack-tools, updated, deleted and
 * flushed, with the matching events (tagged with the writer's port id) on the subscriber.
 */
class ConntrackKernelIT {
    static final String RULESET =
            """
            table inet ctsync_test {
              chain pre {
                type filter hook prerouting priority 0;
                ct label 127 counter
              }
            }
            table ip nat {
              chain pre { type nat hook prerouting priority -100; }
              chain out { type nat hook output priority -100; }
              chain post { type nat hook postrouting priority 100; }
            }
            table ip6 nat {
              chain post { type nat hook postrouting priority 100; }
            }
            """;
    static final int TIMEOUT = 300;
    static final int CONFIRMED_SEEN_ASSURED =
            ConntrackStatus.SEEN_REPLY | ConntrackStatus.ASSURED | ConntrackStatus.CONFIRMED;
    static final int BE_LIBERAL_SACK = 0x0a;

    private TestNetns ns;
    private EventRecorder recorder;
    private ConntrackEventSubscriber events;
    private BatchRequestWriter writer;
    private ConntrackDump dump;

    @BeforeEach
    void setUp() throws Exception {
        TestNetns.assumeRootWithIp();
        TestNetns.assumeCommand("nft");
        TestNetns.assumeCommand("conntrack");
        ns = TestNetns.create("ct");
        ns.nft(RULESET);
        recorder = new EventRecorder();
        events = ConntrackEventSubscriber.start(ns.namespace(), recorder);
        writer = BatchRequestWriter.open(ns.namespace());
        dump = ConntrackDump.open(ns.namespace());
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {events, writer, dump, ns}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep closing the rest
                }
            }
        }
    }

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    private static ConntrackEntry.Builder entry(Tuple original) {
        return ConntrackEntry.builder()
                .original(original)
                .reply(original.invert())
                .status(ConntrackStatus.CONFIRMED)
                .timeout(TIMEOUT);
    }

    /** One entry per protocol and family, with NAT, mark, labels and zone spread over them. */
    static Map<String, ConntrackEntry> everyKind() {
        Map<String, ConntrackEntry> m = new java.util.LinkedHashMap<>();
        m.put(
                "tcp4",
                entry(Tuple.of("10.10.0.1", "10.10.0.2", IpProtocol.TCP, 40001, 443))
                        .status(CONFIRMED_SEEN_ASSURED)
                        .mark(0x1234)
                        .labels(Labels.ofBits(1, 5))
                        .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, BE_LIBERAL_SACK, BE_LIBERAL_SACK))
                        .build());
        m.put(
                "udp4-snat",
                entry(Tuple.of("10.10.0.1", "10.10.0.2", IpProtocol.UDP, 40002, 53))
                        .natSource(NatRange.to(ip("100.64.0.1"), 61000))
                        .build());
        m.put(
                "udp4-dnat",
                entry(Tuple.of("10.10.0.1", "10.10.0.9", IpProtocol.UDP, 40003, 53))
                        .natDestination(NatRange.to(ip("10.10.0.2"), 5353))
                        .build());
        m.put(
                "udplite4",
                entry(Tuple.of("10.10.0.1", "10.10.0.2", IpProtocol.UDPLITE, 40004, 4000))
                        .build());
        m.put(
                "icmp4",
                entry(Tuple.icmp(ip("10.10.0.1"), ip("10.10.0.2"), 8, 0, 77)).build());
        m.put(
                "icmp6",
                entry(Tuple.icmp(ip("2001:db8::1"), ip("2001:db8::2"), 128, 0, 78))
                        .build());
        m.put(
                "sctp4",
                entry(Tuple.of("10.10.0.1", "10.10.0.2", IpProtocol.SCTP, 40005, 3868))
                        .sctp(new SctpInfo(SctpState.ESTABLISHED, 0x1111, 0x2222))
                        .build());
        m.put(
                "dccp4",
                entry(Tuple.of("10.10.0.1", "10.10.0.2", IpProtocol.DCCP, 40006, 5004))
                        .dccp(new DccpInfo(DccpState.OPEN, DccpInfo.ROLE_CLIENT, DccpInfo.NO_HANDSHAKE_SEQ))
                        .build());
        m.put(
                "gre4",
                entry(Tuple.of("10.10.0.1", "10.10.0.2", IpProtocol.GRE, 0x10, 0x20))
                        .build());
        m.put("proto99", entry(Tuple.of("10.10.0.1", "10.10.0.2", 99, 0, 0)).build());
        m.put(
                "tcp6-zone",
                entry(Tuple.of("2001:db8::1", "2001:db8::2", IpProtocol.TCP, 40007, 80))
                        .status(CONFIRMED_SEEN_ASSURED)
                        .zone(7)
                        .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, BE_LIBERAL_SACK, BE_LIBERAL_SACK))
                        .build());
        m.put(
                "udp6-mark",
                entry(Tuple.of("2001:db8::1", "2001:db8::2", IpProtocol.UDP, 40008, 53))
                        .mark(7)
                        .build());
        return m;
    }

    private BatchResult write(List<ConntrackEntry> entries, RequestEncoder<ConntrackEntry> encoder) {
        List<String> failures = new ArrayList<>();
        BatchResult r = writer.write(entries, encoder, (e, f) -> failures.add(e.original() + ": " + f));
        assertTrue(failures.isEmpty(), failures.toString());
        return r;
    }

    private Map<ConntrackKey, ConntrackEntry> dumpTable() throws Exception {
        Map<ConntrackKey, ConntrackEntry> table = new HashMap<>();
        DumpResult r = dump.entries(e -> table.put(e.key(), e));
        assertTrue(r.complete(), "dump ended with " + r);
        assertEquals(0, r.malformed());
        assertEquals(table.size(), r.messages());
        return table;
    }

    /**
     * The dumped entry for what was written: the same key, or for DCCP on kernels without DCCP connection
     * tracking the generic entry with the same addresses.
     */
    private static ConntrackEntry kernelView(ConntrackEntry want, Map<ConntrackKey, ConntrackEntry> table) {
        ConntrackEntry exact = table.get(want.key());
        if (exact != null || want.protocol() != IpProtocol.DCCP) {
            return exact;
        }
        return table.values().stream()
                .filter(e -> e.protocol() == IpProtocol.DCCP
                        && e.original().src().equals(want.original().src())
                        && e.original().dst().equals(want.original().dst()))
                .findFirst()
                .orElse(null);
    }

    private static boolean isGenericDccp(ConntrackEntry e) {
        return e.protocol() == IpProtocol.DCCP && e.original().srcPort() == 0 && e.dccp() == null;
    }

    /** The conntrack-tools line for an entry, matched by protocol and original addresses and ports/ids. */
    private static ConntrackToolLine lineFor(List<ConntrackToolLine> lines, ConntrackEntry e) {
        Tuple o = e.original();
        List<ConntrackToolLine> hits = lines.stream()
                .filter(l -> l.protocol() == o.protocol())
                .filter(l -> ip(l.original().get("src")).equals(o.src())
                        && ip(l.original().get("dst")).equals(o.dst()))
                .filter(l -> !l.original().containsKey("sport")
                        || Integer.parseInt(l.original().get("sport")) == o.srcPort())
                .filter(l -> !l.original().containsKey("id")
                        || Integer.parseInt(l.original().get("id")) == o.icmpId())
                .toList();
        assertEquals(1, hits.size(), "one conntrack -L line for " + o + " in " + lines);
        return hits.get(0);
    }

    @Test
    void shouldCreateEntriesOfEveryKindAndReadThemBackIdenticallyThroughDumpAndConntrackTools() throws Exception {
        Map<String, ConntrackEntry> wanted = everyKind();
        BatchResult r = write(List.copyOf(wanted.values()), ConntrackRequests.CREATE);
        assertEquals(wanted.size(), r.succeeded());
        assertEquals(1, r.datagrams(), "one sendto for the whole batch");

        Map<ConntrackKey, ConntrackEntry> table = dumpTable();
        assertEquals(wanted.size(), table.size());
        List<ConntrackToolLine> tool = ns.conntrackTable();
        assertEquals(wanted.size(), tool.size(), "conntrack -L lines: " + tool);

        for (Map.Entry<String, ConntrackEntry> w : wanted.entrySet()) {
            String name = w.getKey();
            ConntrackEntry want = w.getValue();
            ConntrackEntry got = kernelView(want, table);
            assertNotNull(got, name + " missing from the dump: " + table.keySet());
            ConntrackToolLine line = lineFor(tool, got);

            if (!isGenericDccp(got)) {
                assertEquals(want.original(), got.original(), name);
            }
            assertTrue(got.hasStatusBits(ConntrackStatus.CONFIRMED), name);
            assertTrue(got.timeout() <= TIMEOUT && got.timeout() > TIMEOUT - 60, name + " timeout " + got.timeout());
            assertTrue(line.timeout() <= TIMEOUT && line.timeout() > TIMEOUT - 60, name + " tool timeout");
            assertEquals(want.mark(), got.mark(), name + " mark");
            assertEquals(Integer.toString(want.mark()), line.mark(), name + " tool mark");
            assertEquals(want.zone(), got.zone(), name + " zone");
            assertEquals(want.hasZone() ? Integer.toString(want.zone()) : null, line.zone(), name + " tool zone");
            assertEquals(IpProtocol.nameOf(want.protocol()), line.protocolName(), name);
            // both views agree on the reply tuple the kernel keeps
            assertEquals(got.reply().src(), ip(line.reply().get("src")), name + " reply src");
            assertEquals(got.reply().dst(), ip(line.reply().get("dst")), name + " reply dst");
            if (want.natSource() == null && want.natDestination() == null && !isGenericDccp(got)) {
                assertEquals(want.reply(), got.reply(), name + " reply");
            }
        }

        ConntrackEntry tcp = table.get(wanted.get("tcp4").key());
        assertEquals(TcpState.ESTABLISHED, tcp.tcp().state());
        assertTrue(tcp.hasStatusBits(ConntrackStatus.ASSURED | ConntrackStatus.SEEN_REPLY));
        assertEquals(Labels.ofBits(1, 5), tcp.labels(), "labels (enabled by the ct label rule)");
        ConntrackToolLine tcpLine = lineFor(tool, wanted.get("tcp4"));
        assertEquals("ESTABLISHED", tcpLine.state());
        assertTrue(tcpLine.flags().contains("ASSURED"));

        ConntrackEntry snat = table.get(wanted.get("udp4-snat").key());
        assertEquals(ip("100.64.0.1"), snat.reply().dst());
        assertEquals(61000, snat.reply().dstPort());
        assertTrue(snat.hasStatusBits(ConntrackStatus.SRC_NAT | ConntrackStatus.SRC_NAT_DONE), snat.toString());
        assertEquals("61000", lineFor(tool, snat).reply().get("dport"));

        ConntrackEntry dnat = table.get(wanted.get("udp4-dnat").key());
        assertEquals(ip("10.10.0.2"), dnat.reply().src());
        assertEquals(5353, dnat.reply().srcPort());
        assertTrue(dnat.hasStatusBits(ConntrackStatus.DST_NAT | ConntrackStatus.DST_NAT_DONE), dnat.toString());
        assertEquals("5353", lineFor(tool, dnat).reply().get("sport"));

        ConntrackEntry sctp = table.get(wanted.get("sctp4").key());
        assertEquals(SctpState.ESTABLISHED, sctp.sctp().state());
        assertEquals("ESTABLISHED", lineFor(tool, sctp).state());
        ConntrackEntry dccp = kernelView(wanted.get("dccp4"), table);
        if (isGenericDccp(dccp)) {
            // kernels from 6.16 on track DCCP as a generic protocol: no ports, no protocol info
            assertEquals("dccp", lineFor(tool, dccp).protocolName());
        } else {
            assertEquals(DccpState.OPEN, dccp.dccp().state());
        }
        assertEquals("0x10", lineFor(tool, wanted.get("gre4")).original().get("srckey"));
        assertEquals("128", lineFor(tool, wanted.get("icmp6")).original().get("type"));
        assertEquals("ipv6", lineFor(tool, wanted.get("tcp6-zone")).family());

        // every creation was announced, tagged with the writer's port id
        List<ConntrackEvent> news = recorder.await(wanted.size(), e -> e.kind() == MessageKind.NEW);
        assertEquals(wanted.size(), news.size());
        Set<ConntrackKey> announced = new HashSet<>();
        for (ConntrackEvent e : news) {
            assertTrue(e.causedBy(writer.portId()), "origin port " + e.originPortId() + " vs " + writer.portId());
            announced.add(((ConntrackEvent.EntryEvent) e).entry().key());
        }
        assertEquals(table.keySet(), announced);
        assertEquals(0, events.counters().get(SubscriberCounter.OVERRUNS));
        assertEquals(0, events.counters().get(SubscriberCounter.MALFORMED_MESSAGES));
    }

    @Test
    void shouldUpdateMarkAndTimeoutAndAnnounceTheUpdateWithTheWritersPortId() throws Exception {
        ConntrackEntry e = everyKind().get("tcp4");
        write(List.of(e), ConntrackRequests.CREATE);
        recorder.await(1, x -> x.kind() == MessageKind.NEW);
        ConntrackEntry changed = ConntrackEntry.builder()
                .original(e.original())
                .reply(e.reply())
                .mark(0x99)
                .timeout(1234)
                .build();
        write(List.of(changed), ConntrackRequests.UPDATE);

        ConntrackEntry got = dumpTable().get(e.key());
        assertEquals(0x99, got.mark());
        assertTrue(got.timeout() > 1200 && got.timeout() <= 1234, "timeout " + got.timeout());
        ConntrackToolLine line = lineFor(ns.conntrackTable(), e);
        assertEquals("153", line.mark());
        assertTrue(line.timeout() > 1200);

        List<ConntrackEvent> updates = recorder.await(1, x -> x.kind() == MessageKind.UPDATE);
        assertEquals(1, updates.size(), updates.toString());
        ConntrackEvent.EntryEvent u = (ConntrackEvent.EntryEvent) updates.get(0);
        assertEquals(e.key(), u.entry().key());
        assertEquals(0x99, u.entry().mark());
        assertTrue(u.causedBy(writer.portId()));
    }

    @Test
    void shouldDeleteByTupleAndFlushTheRestWithDestroyEvents() throws Exception {
        Map<String, ConntrackEntry> all = everyKind();
        write(List.copyOf(all.values()), ConntrackRequests.CREATE);
        recorder.await(all.size(), x -> x.kind() == MessageKind.NEW);

        List<ConntrackEntry> doomed = List.of(all.get("tcp4"), all.get("icmp6"), all.get("tcp6-zone"));
        write(doomed, ConntrackRequests.DELETE);
        Map<ConntrackKey, ConntrackEntry> table = dumpTable();
        assertEquals(all.size() - 3, table.size());
        for (ConntrackEntry d : doomed) {
            assertTrue(!table.containsKey(d.key()), d + " still present");
        }
        assertEquals(all.size() - 3, ns.conntrackList().size());
        List<ConntrackEvent> destroyed = recorder.await(3, x -> x.kind() == MessageKind.DESTROY);
        assertEquals(3, destroyed.size());
        assertTrue(destroyed.stream().allMatch(x -> x.causedBy(writer.portId())));

        BatchResult flushed = writer.write(List.of(DumpFilter.ALL), ConntrackRequests.FLUSH, (f, x) -> {});
        assertEquals(1, flushed.succeeded());
        assertEquals(0, dumpTable().size());
        assertEquals(List.of(), ns.conntrackList());
        assertEquals(
                all.size(),
                recorder.await(all.size(), x -> x.kind() == MessageKind.DESTROY).size());
    }

    @Test
    void shouldReportEexistForExactlyTheDuplicateInABatch() throws Exception {
        Map<String, ConntrackEntry> all = everyKind();
        List<ConntrackEntry> batch = new ArrayList<>(all.values());
        batch.add(4, all.get("udp4-snat")); // a second create of the same tuple in the same datagram
        List<String> failures = new ArrayList<>();
        List<Integer> failedIndexes = new ArrayList<>();
        BatchResult r = writer.write(batch, ConntrackRequests.CREATE, (e, f) -> {
            failures.add(f.errnoName());
            failedIndexes.add(batch.indexOf(e));
        });
        assertEquals(List.of("EEXIST"), failures);
        assertEquals(List.of(1), failedIndexes, "the duplicate of udp4-snat (first seen at index 1)");
        assertEquals(all.size(), r.succeeded());
        assertEquals(1, r.failures("EEXIST"));

        // an update of a missing entry and an unchangeable status bit map back too
        ConntrackEntry missing =
                entry(Tuple.of("10.10.9.9", "10.10.0.2", IpProtocol.UDP, 1, 2)).build();
        ConntrackEntry clearsAssured = ConntrackEntry.builder()
                .original(all.get("tcp4").original())
                .status(ConntrackStatus.CONFIRMED)
                .build();
        Map<ConntrackEntry, String> errors = new HashMap<>();
        writer.write(
                List.of(missing, all.get("icmp4"), clearsAssured),
                ConntrackRequests.UPDATE,
                (e, f) -> errors.put(e, f.errnoName()));
        assertEquals(Map.of(missing, "ENOENT", clearsAssured, "EBUSY"), errors);
    }
}
