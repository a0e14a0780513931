package io.ctsync.daemon.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.config.FilterLocation;
import io.ctsync.config.FilterSettings;
import io.ctsync.config.Selection;
import io.ctsync.daemon.netlink.NativeBuffer;
import io.ctsync.daemon.netlink.NetlinkSocket;
import io.ctsync.daemon.testing.TestNetns;
import io.ctsync.protocol.ctnetlink.ConntrackMessage;
import io.ctsync.protocol.ctnetlink.CtnetlinkDecoder;
import io.ctsync.protocol.ctnetlink.CtnetlinkHandler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The user-space filter on real, decoded events in a private namespace: label criteria on entries labelled
 * by an nftables {@code ct label set} rule, and the minimum age (defer, then pass; died young, dropped).
 */
class UserSpaceFilterIT {
    private static final long SECOND = 1_000_000_000L;

    private TestNetns ns;

    @BeforeEach
    void setUp() {
        TestNetns.assumeRootWithIp();
        TestNetns.assumeCommand("conntrack");
        TestNetns.assumeCommand("nft");
        ns = TestNetns.create("uflt");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    private static FilterSettings filter(Selection<Integer> labels, Duration minAge) {
        return new FilterSettings(
                FilterLocation.USERSPACE,
                Selection.all(),
                Selection.all(),
                false,
                false,
                Selection.all(),
                Selection.all(),
                Selection.all(),
                labels,
                minAge);
    }

    private static NetlinkSocket subscribe(TestNetns ns) throws Exception {
        NetlinkSocket s = ns.namespace().openNetlinkSocket();
        s.setReceiveBuffer(8 << 20);
        s.setReceiveTimeout(Duration.ofMillis(300));
        s.joinGroup(1);
        s.joinGroup(2);
        s.joinGroup(3);
        return s;
    }

    /** Decodes every event datagram until the receive timeout. */
    private static List<ConntrackMessage> drain(NetlinkSocket s) {
        List<ConntrackMessage> out = new ArrayList<>();
        CtnetlinkDecoder decoder = new CtnetlinkDecoder(new CtnetlinkHandler() {
            @Override
            public void onConntrack(ConntrackMessage message) {
                out.add(message);
            }
        });
        NativeBuffer buf = NativeBuffer.allocate(65536);
        while (true) {
            int n = s.receive(buf, 0, 65536, false);
            if (n < 0) {
                assertEquals(0, decoder.droppedTotal(), "undecodable events");
                return out;
            }
            byte[] copy = new byte[n];
            buf.buffer().duplicate().position(0).get(copy, 0, n);
            decoder.decode(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()), 0, n);
        }
    }

    private static EventKind kind(ConntrackMessage m) {
        return EventKind.of(m.kind());
    }

    @Test
    void labelCriteriaPassOnlyEntriesCarryingAnAcceptedLabel() throws Exception {
        // a ct label rule enables the label extension in the namespace and labels the entries
        ns.nft(
                """
                table inet t {
                  chain c {
                    type filter hook output priority 0;
                    udp dport 7000 ct label set 5
                    udp dport 7001 ct label set 6
                  }
                }
                """);
        EventFilter accepting =
                new EventFilter(filter(new Selection<>(List.of(5), List.of()), Duration.ZERO), List.of());
        EventFilter ignoring =
                new EventFilter(filter(new Selection<>(List.of(), List.of(6)), Duration.ZERO), List.of());
        try (NetlinkSocket s = subscribe(ns)) {
            ns.exec("bash", "-c", "for p in 7000 7001 7002; do echo x > /dev/udp/127.0.0.1/$p; done");
            List<ConntrackMessage> events = drain(s);
            Map<Integer, String> accepted = new TreeMap<>();
            Map<Integer, String> ignored = new TreeMap<>();
            for (ConntrackMessage m : events) {
                if (m.kind() != io.ctsync.protocol.ctnetlink.MessageKind.NEW) {
                    continue;
                }
                ConntrackFilterView view = new ConntrackFilterView(m.entry(), FilterableEntry.FIRST_SEEN_UNKNOWN);
                int dport = m.entry().original().dstPort();
                accepted.put(dport, accepting.decide(view, kind(m), 0).toString() + " " + view.labels());
                ignored.put(dport, ignoring.decide(view, kind(m), 0).toString());
            }
            assertEquals(3, accepted.size(), "NEW events: " + events);
            assertEquals("PASS {5}", accepted.get(7000));
            assertEquals("DROP(LABEL) {6}", accepted.get(7001));
            assertEquals("DROP(LABEL) {}", accepted.get(7002));
            assertEquals(Map.of(7000, "PASS", 7001, "DROP(LABEL)", 7002, "PASS"), ignored);
            assertEquals(2, accepting.counters().dropped(FilterDropReason.LABEL));
            assertEquals(1, accepting.counters().passed());
        }
    }

    @Test
    void youngEntriesAreDeferredThenPassAndEntriesThatDieYoungAreDropped() throws Exception {
        EventFilter f = new EventFilter(filter(Selection.all(), Duration.ofSeconds(2)), List.of());
        try (NetlinkSocket s = subscribe(ns)) {
            ns.exec(
                    "conntrack",
                    "-I",
                    "-p",
                    "udp",
                    "-s",
                    "10.0.0.1",
                    "-d",
                    "10.0.0.2",
                    "--sport",
                    "1",
                    "--dport",
                    "53",
                    "-t",
                    "60");
            ns.exec(
                    "conntrack",
                    "-I",
                    "-p",
                    "udp",
                    "-s",
                    "10.0.0.1",
                    "-d",
                    "10.0.0.2",
                    "--sport",
                    "2",
                    "--dport",
                    "53",
                    "-t",
                    "60");
            long firstSeen = System.nanoTime();
            ns.exec(
                    "conntrack",
                    "-D",
                    "-p",
                    "udp",
                    "-s",
                    "10.0.0.1",
                    "-d",
                    "10.0.0.2",
                    "--sport",
                    "2",
                    "--dport",
                    "53");
            List<ConntrackMessage> events = drain(s);
            Map<String, FilterVerdict> verdicts = new TreeMap<>();
            ConntrackMessage survivor = null;
            for (ConntrackMessage m : events) {
                // the engine stamps an entry when its NEW event arrives; here, when the batch was read
                ConntrackFilterView view = new ConntrackFilterView(m.entry(), firstSeen);
                verdicts.put(
                        m.kind() + " " + m.entry().original().srcPort(), f.decide(view, kind(m), System.nanoTime()));
                if (m.kind() == io.ctsync.protocol.ctnetlink.MessageKind.NEW
                        && m.entry().original().srcPort() == 1) {
                    survivor = m;
                }
            }
            assertEquals(3, verdicts.size(), "events: " + events);
            FilterVerdict deferred = verdicts.get("NEW 1");
            assertEquals(FilterVerdict.Action.DEFER, deferred.action());
            assertEquals(firstSeen + 2 * SECOND, deferred.untilNanos());
            assertEquals(FilterVerdict.Action.DEFER, verdicts.get("NEW 2").action());
            assertEquals(FilterVerdict.drop(FilterDropReason.DIED_YOUNG), verdicts.get("DESTROY 2"));

            // the engine's timer re-checks the deferred entry once it is old enough
            long wait = deferred.untilNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000 + 1);
            }
            FilterVerdict later =
                    f.decide(new ConntrackFilterView(survivor.entry(), firstSeen), EventKind.NEW, System.nanoTime());
            assertEquals(FilterVerdict.PASS, later);
            assertTrue(f.counters().deferred() >= 2);
        }
    }
}
