package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.testing.TestNetns;
import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Tuple;
import io.ctsync.protocol.ctnetlink.DumpFilter;
import io.ctsync.protocol.ctnetlink.MessageKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conntrack event subscriber under load and at its limits: a burst at the default buffer arrives
 * complete, an overrun of a tiny buffer is signalled as events lost, reliable delivery keeps DESTROY
 * events instead, and expectation events arrive with their origin.
 */
class ConntrackEventsIT {
    private TestNetns ns;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestNetns.assumeRootWithIp();
        ns = TestNetns.create("ev");
    }

    @AfterEach
    void tearDown() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // keep closing
            }
        }
        if (ns != null) {
            ns.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    /** {@code n} distinct established IPv4 TCP entries. */
    static List<ConntrackEntry> tcpEntries(int n, int firstOctet) {
        List<ConntrackEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tuple orig = new Tuple(
                    IpAddress.v4((firstOctet << 24) | (i >>> 8) << 8 | (i & 0xff)),
                    IpAddress.parse("192.0.2.10"),
                    IpProtocol.TCP,
                    1024 + (i % 50_000),
                    443,
                    Tuple.NO_ZONE);
            out.add(ConntrackEntry.builder()
                    .original(orig)
                    .reply(orig.invert())
                    .status(ConntrackStatus.SEEN_REPLY | ConntrackStatus.ASSURED | ConntrackStatus.CONFIRMED)
                    .timeout(600)
                    .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, 0x0a, 0x0a))
                    .build());
        }
        return out;
    }

    private static void writeAll(BatchRequestWriter w, List<ConntrackEntry> entries) {
        BatchResult r = w.write(entries, ConntrackRequests.CREATE, (e, f) -> {
            throw new AssertionError(e + ": " + f);
        });
        assertEquals(entries.size(), r.succeeded());
    }

    /** A listener whose first delivery blocks until released, so the receive queue fills. */
    static final class StalledRecorder implements EventListener<ConntrackEvent> {
        final EventRecorder inner = new EventRecorder();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void onEvents(List<ConntrackEvent> events) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inner.onEvents(events);
        }

        @Override
        public void onEventsLost(long overruns) {
            inner.onEventsLost(overruns);
        }
    }

    @Test
    void shouldDeliverEveryEventOfABurstAtTheDefaultBufferWithoutLoss() throws Exception {
        EventRecorder rec = new EventRecorder();
        ConntrackEventSubscriber sub = closing(ConntrackEventSubscriber.start(ns.namespace(), rec));
        assertTrue(sub.receiveBuffer() >= EventSubscriber.DEFAULT_RECEIVE_BUFFER, "forced: " + sub.receiveBuffer());
        BatchRequestWriter w = closing(BatchRequestWriter.open(ns.namespace()));
        writeAll(w, tcpEntries(20_000, 10));
        List<ConntrackEvent> news = rec.await(20_000, e -> e.kind() == MessageKind.NEW);
        assertEquals(20_000, news.size());
        assertEquals(0, rec.lost.get());
        assertEquals(0, sub.counters().get(SubscriberCounter.OVERRUNS));
        assertTrue(rec.batches.get() < 20_000, "events arrive in batches: " + rec.batches.get());
    }

    @Test
    void shouldSignalEventsLostWhenABurstOverrunsATinyBufferAndKeepReading() throws Exception {
        StalledRecorder rec = new StalledRecorder();
        EventSubscriber.Options o = EventSubscriber.Options.defaults().withReceiveBuffer(8192);
        ConntrackEventSubscriber sub = closing(ConntrackEventSubscriber.start(ns.namespace(), false, o, rec));
        BatchRequestWriter w = closing(BatchRequestWriter.open(ns.namespace()));
        writeAll(w, tcpEntries(2_000, 10));
        rec.release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rec.inner.lost.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(rec.inner.lost.get() >= 1, "events-lost signal");
        assertTrue(sub.counters().get(SubscriberCounter.OVERRUNS) >= 1);
        Thread.sleep(300); // let the reader drain what the queue held
        int received = rec.inner.entries(MessageKind.NEW).size();
        assertTrue(received < 2_000, "events were dropped: " + received);
        ConntrackEntry after = tcpEntries(1, 11).get(0);
        writeAll(w, List.of(after));
        List<ConntrackEvent> hit = rec.inner.await(
                1,
                e -> e instanceof ConntrackEvent.EntryEvent ee
                        && ee.entry().key().equals(after.key()));
        assertEquals(1, hit.size(), "the reader keeps going after an overrun");
    }

    @Test
    void shouldDeliverEveryDestroyEventWithReliableDeliveryAndReportNoOverrun() throws Exception {
        StalledRecorder rec = new StalledRecorder();
        EventSubscriber.Options o = EventSubscriber.Options.defaults()
                .withReceiveBuffer(8192)
                .withReliable(true)
                .withStopPoll(Duration.ofMillis(100));
        ConntrackEventSubscriber sub = closing(ConntrackEventSubscriber.start(ns.namespace(), false, o, rec));
        BatchRequestWriter w = closing(BatchRequestWriter.open(ns.namespace()));
        writeAll(w, tcpEntries(300, 10));
        BatchResult flushed = w.write(List.of(DumpFilter.ALL), ConntrackRequests.FLUSH, (f, x) -> {});
        assertEquals(1, flushed.succeeded());
        rec.release.countDown();
        List<ConntrackEvent> destroyed = rec.inner.await(300, e -> e.kind() == MessageKind.DESTROY);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (destroyed.size() < 300 && System.nanoTime() < deadline) {
            destroyed = rec.inner.await(300, e -> e.kind() == MessageKind.DESTROY);
        }
        assertEquals(300, destroyed.size(), "every DESTROY event, redelivered by the kernel");
        assertEquals(0, rec.inner.lost.get(), "no ENOBUFS in reliable mode");
        assertEquals(0, sub.counters().get(SubscriberCounter.OVERRUNS));
        assertTrue(rec.inner.entries(MessageKind.NEW).size() < 300, "NEW events are still dropped silently");
    }

    @Test
    void shouldAnnounceExpectationsCreatedAndDeletedThroughTheWriter() throws Exception {
        EventRecorder rec = new EventRecorder();
        ConntrackEventSubscriber sub =
                closing(ConntrackEventSubscriber.start(ns.namespace(), true, EventSubscriber.Options.defaults(), rec));
        BatchRequestWriter w = closing(BatchRequestWriter.open(ns.namespace()));
        Tuple control = Tuple.of("10.10.0.1", "10.10.0.2", IpProtocol.TCP, 40000, 21);
        writeAll(
                w,
                List.of(ConntrackEntry.builder()
                        .original(control)
                        .reply(control.invert())
                        .status(ConntrackStatus.SEEN_REPLY | ConntrackStatus.ASSURED | ConntrackStatus.CONFIRMED)
                        .timeout(600)
                        .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, 0x0a, 0x0a))
                        .helper("ftp")
                        .build()));
        Expectation data = Expectation.builder()
                .master(control)
                .tuple(Tuple.of("10.10.0.1", "10.10.0.2", IpProtocol.TCP, 0, 20000))
                .mask(Tuple.of("255.255.255.255", "255.255.255.255", IpProtocol.TCP, 0, 0xffff))
                .timeout(120)
                .build();
        List<String> failures = new ArrayList<>();
        w.write(List.of(data), ConntrackRequests.EXPECT_CREATE, (x, f) -> failures.add(f.toString()));
        assertEquals(List.of(), failures);
        List<ConntrackEvent> created = rec.await(1, e -> e instanceof ConntrackEvent.ExpectationEvent);
        assertEquals(1, created.size());
        ConntrackEvent.ExpectationEvent x = (ConntrackEvent.ExpectationEvent) created.get(0);
        assertEquals(MessageKind.NEW, x.kind());
        assertEquals(data.tuple(), x.expectation().tuple());
        assertEquals(control, x.expectation().master());
        assertTrue(x.causedBy(w.portId()));

        w.write(List.of(data), ConntrackRequests.EXPECT_DELETE, (e, f) -> failures.add(f.toString()));
        assertEquals(List.of(), failures);
        List<ConntrackEvent> gone =
                rec.await(1, e -> e instanceof ConntrackEvent.ExpectationEvent && e.kind() == MessageKind.DESTROY);
        assertEquals(1, gone.size());
        assertEquals(0, sub.counters().get(SubscriberCounter.MALFORMED_MESSAGES));
    }
}
