package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.testing.TestNetns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event reader against the real kernel, independent of the conntrack codec: overruns become the
 * events-lost signal, malformed and oversize datagrams are counted and skipped without killing the reader,
 * and close() stops the reader promptly.
 */
class EventSubscriberIT {
    private static final int[] CT_GROUPS = {1, 2, 3};
    private TestNetns ns;

    @BeforeEach
    void setUp() {
        TestNetns.assumeRootWithIp();
        TestNetns.assumeCommand("conntrack");
        ns = TestNetns.create("evraw");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    /** Collects events and overruns. */
    static final class Collector implements EventListener<RawMessage> {
        final List<RawMessage> events = new CopyOnWriteArrayList<>();
        final AtomicLong lost = new AtomicLong();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public void onEvents(List<RawMessage> batch) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.addAll(batch);
        }

        @Override
        public void onEventsLost(long overruns) {
            lost.set(overruns);
        }

        boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
            return true;
        }
    }

    private void insertUdp(int sport) {
        ns.exec(
                "conntrack",
                "-I",
                "-p",
                "udp",
                "-s",
                "10.9.0.1",
                "-d",
                "10.9.0.2",
                "--sport",
                Integer.toString(sport),
                "--dport",
                "53",
                "-t",
                "120");
    }

    @Test
    void shouldSignalEventsLostWhenTheReceiveBufferOverruns() throws Exception {
        Collector c = new Collector();
        c.gate = new CountDownLatch(1); // the listener stalls, so the tiny buffer fills
        EventSubscriber.Options o = EventSubscriber.Options.defaults().withReceiveBuffer(4096);
        try (EventSubscriber<RawMessage> s =
                EventSubscriber.start(ns.namespace(), CT_GROUPS, o, RawMessage::decode, c)) {
            assertTrue(s.receiveBuffer() < 16384, "tiny buffer: " + s.receiveBuffer());
            for (int i = 0; i < 40; i++) {
                insertUdp(20000 + i);
            }
            c.gate.countDown();
            assertTrue(c.await(() -> c.lost.get() > 0), "events-lost signal");
            assertTrue(s.counters().get(SubscriberCounter.OVERRUNS) >= 1);
            assertTrue(c.events.size() < 40, "some events were dropped: " + c.events.size());
            // the reader keeps going after an overrun
            int before = c.events.size();
            insertUdp(30000);
            assertTrue(c.await(() -> c.events.size() > before), "events after the overrun");
        }
    }

    @Test
    void shouldCountAndSkipMalformedAndOversizeDatagramsAndKeepReading() throws Exception {
        Collector c = new Collector();
        EventSubscriber.Options o = EventSubscriber.Options.defaults().withSlots(16, 1024);
        try (EventSubscriber<RawMessage> s =
                        EventSubscriber.start(ns.namespace(), CT_GROUPS, o, RawMessage::decode, c);
                NetlinkSocket injector = ns.namespace().openNetlinkSocket()) {
            NativeBuffer b = NativeBuffer.allocate(4096);
            // nlmsg_len beyond the datagram
            b.buffer().putInt(0, 999).putShort(4, (short) 0x0100);
            assertEquals(20, injector.sendToPort(b, 0, 20, s.portId()));
            // shorter than a header
            assertEquals(7, injector.sendToPort(b, 0, 7, s.portId()));
            // larger than a 1 KiB slot
            b.buffer().putInt(0, 3000);
            assertEquals(3000, injector.sendToPort(b, 0, 3000, s.portId()));
            insertUdp(40000);
            assertTrue(c.await(() -> c.events.stream().anyMatch(e -> e.type() == 0x0100)), "real event after garbage");
            assertEquals(2, s.counters().get(SubscriberCounter.MALFORMED_MESSAGES));
            assertEquals(1, s.counters().get(SubscriberCounter.TRUNCATED_DATAGRAMS));
            assertTrue(s.isRunning());
        }
    }

    @Test
    void shouldStopTheReaderWithinTheReceiveTimeoutAndOnlyThenCloseTheSocket() throws Exception {
        Collector c = new Collector();
        CountDownLatch stopped = new CountDownLatch(1);
        EventListener<RawMessage> l = new EventListener<>() {
            @Override
            public void onEvents(List<RawMessage> events) {}

            @Override
            public void onEventsLost(long overruns) {}

            @Override
            public void onStopped(Throwable failure) {
                assertEquals(null, failure);
                stopped.countDown();
            }
        };
        EventSubscriber.Options o = EventSubscriber.Options.defaults().withStopPoll(Duration.ofMillis(200));
        EventSubscriber<RawMessage> s = EventSubscriber.start(ns.namespace(), CT_GROUPS, o, RawMessage::decode, l);
        Thread.sleep(300);
        long t0 = System.nanoTime();
        s.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(s.isRunning());
        assertTrue(stopped.await(1, TimeUnit.SECONDS));
        assertTrue(ms < 1500, "close took " + ms + " ms");
        assertEquals(0, c.events.size());
    }
}
