package io.ctsync.daemon.channel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.channel.ChannelCounter;
import io.ctsync.daemon.channel.SyncChannel;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-memory wire loses, reorders and duplicates at the configured rates, and does the same
 * thing again for the same seed.
 */
class InMemoryChannelPairTest {
    private static final int N = 20_000;

    /** Sends 0..n-1 from A to B and returns what B got, in order. */
    private static List<Integer> run(InMemoryChannelPair pair, int n) {
        List<Integer> got = new ArrayList<>();
        pair.b().open((payload, link, sender) -> got.add(payload.getInt(payload.readerIndex())));
        pair.a().open((payload, link, sender) -> {});
        for (int i = 0; i < n; i++) {
            pair.a().send(ByteBuffer.allocate(4).putInt(i).array());
            if (i % 50 == 49) {
                pair.deliverPending();
            }
        }
        pair.deliverUntilQuiet(100);
        return got;
    }

    private static long inversions(List<Integer> seq) {
        long count = 0;
        for (int i = 1; i < seq.size(); i++) {
            if (seq.get(i) < seq.get(i - 1)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void shouldDeliverEverythingInOrderOnAPerfectWire() {
        InMemoryChannelPair pair = InMemoryChannelPair.manual(Impairment.none());
        List<Integer> got = run(pair, 1000);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(i);
        }
        assertEquals(expected, got);
        assertEquals(1000, pair.a().counters().packetsSent());
        assertEquals(1000, pair.b().counters().packetsReceived());
    }

    @Test
    void shouldLoseAboutThirtyPercentForEverySeed() {
        for (long seed = 1; seed <= 5; seed++) {
            InMemoryChannelPair pair = InMemoryChannelPair.manual(Impairment.of(0.30, 0, 0, seed));
            List<Integer> got = run(pair, N);
            InMemoryChannelPair.WireStats s = pair.aToB();
            assertEquals(N, s.sent());
            double lossRate = (double) s.dropped() / N;
            assertTrue(lossRate > 0.28 && lossRate < 0.32, "seed " + seed + ": loss " + lossRate);
            assertEquals(N - s.dropped(), got.size());
            assertEquals(0, inversions(got));
        }
    }

    @Test
    void shouldReorderAndDuplicateAtTheConfiguredRatesForEverySeed() {
        for (long seed = 1; seed <= 5; seed++) {
            InMemoryChannelPair pair = InMemoryChannelPair.manual(Impairment.of(0.10, 0.20, 0.05, seed));
            List<Integer> got = run(pair, N);
            InMemoryChannelPair.WireStats s = pair.aToB();
            double dupRate = (double) s.duplicated() / (N - s.dropped());
            double reorderRate = (double) s.reordered() / (N - s.dropped() + s.duplicated());
            assertTrue(dupRate > 0.04 && dupRate < 0.06, "seed " + seed + ": duplication " + dupRate);
            assertTrue(reorderRate > 0.18 && reorderRate < 0.22, "seed " + seed + ": reordering " + reorderRate);
            assertEquals(N - s.dropped() + s.duplicated(), got.size());
            assertEquals(got.size(), s.delivered());
            assertTrue(inversions(got) > N / 20, "seed " + seed + ": too few inversions " + inversions(got));
            assertEquals(s.duplicated(), got.size() - got.stream().distinct().count());
        }
    }

    @Test
    void shouldReorderEvenALonePayloadBehindTheNextOne() {
        InMemoryChannelPair pair = InMemoryChannelPair.manual(new Impairment(0, 1.0, 0, 1, 3));
        List<Integer> got = new ArrayList<>();
        pair.b().open((payload, link, sender) -> got.add(payload.getInt(0)));
        pair.a().open((payload, link, sender) -> {});
        pair.a().send(ByteBuffer.allocate(4).putInt(1).array()); // nothing in flight to overtake: held back
        assertEquals(0, pair.deliverPending());
        pair.a().send(ByteBuffer.allocate(4).putInt(2).array()); // overtakes the held one
        pair.deliverUntilQuiet(10);
        assertEquals(List.of(2, 1), got);
    }

    @Test
    void shouldRepeatTheSameDeliveriesForTheSameSeedAndDifferForAnother() {
        Impairment imp = Impairment.of(0.3, 0.3, 0.1, 42);
        List<Integer> first = run(InMemoryChannelPair.manual(imp), 5000);
        List<Integer> again = run(InMemoryChannelPair.manual(imp), 5000);
        List<Integer> other = run(InMemoryChannelPair.manual(Impairment.of(0.3, 0.3, 0.1, 43)), 5000);
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void shouldUseIndependentSequencesPerDirection() {
        InMemoryChannelPair pair = InMemoryChannelPair.manual(Impairment.of(0.5, 0, 0, 7));
        pair.a().open((p, l, s) -> {});
        pair.b().open((p, l, s) -> {});
        for (int i = 0; i < 1000; i++) {
            pair.a().send(new byte[4]);
            pair.b().send(new byte[4]);
        }
        assertNotEquals(pair.aToB().dropped(), pair.bToA().dropped());
    }

    @Test
    void shouldDeliverOnTheReceivingEndpointsExecutor() throws Exception {
        ExecutorService aLoop = Executors.newSingleThreadExecutor(r -> new Thread(r, "engine-a"));
        ExecutorService bLoop = Executors.newSingleThreadExecutor(r -> new Thread(r, "engine-b"));
        try {
            InMemoryChannelPair pair = InMemoryChannelPair.onExecutors(Impairment.of(0, 0.2, 0, 9), aLoop, bLoop);
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(500);
            pair.b().open((payload, link, sender) -> {
                threads.add(Thread.currentThread().getName());
                all.countDown();
            });
            pair.a().open((payload, link, sender) -> {});
            aLoop.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            pair.a().send(new byte[8]);
                        }
                    })
                    .get();
            assertTrue(all.await(10, TimeUnit.SECONDS));
            assertTrue(threads.stream().allMatch("engine-b"::equals));
            assertEquals(500, pair.aToB().delivered());
        } finally {
            aLoop.shutdownNow();
            bLoop.shutdownNow();
        }
    }

    @Test
    void shouldFailAndReportSendsWhileBrokenOrClosed() {
        InMemoryChannelPair pair = InMemoryChannelPair.manual(Impairment.none());
        List<ChannelCounter> errors = new ArrayList<>();
        pair.a().open(new SyncChannel.Listener() {
            @Override
            public void onPayload(ByteBuf payload, SyncChannel link, InetSocketAddress sender) {}

            @Override
            public void onSendError(SyncChannel link, ChannelCounter reason) {
                errors.add(reason);
            }
        });
        pair.a().setBroken(true);
        pair.a().send(new byte[4]);
        pair.a().setBroken(false);
        pair.a().send(new byte[4]);
        pair.a().close();
        pair.a().send(new byte[4]);
        assertEquals(List.of(ChannelCounter.SEND_FAILED, ChannelCounter.SEND_CLOSED), errors);
        assertEquals(2, pair.a().counters().sendErrors());
        assertEquals(1, pair.aToB().sent());
    }

    @Test
    void shouldReportTheSendersAddress() {
        InMemoryChannelPair pair =
                InMemoryChannelPair.builder().addresses("10.0.0.1", "10.0.0.2").build();
        List<InetSocketAddress> from = new ArrayList<>();
        pair.a().open((p, l, s) -> from.add(s));
        pair.b().open((p, l, s) -> {});
        pair.b().send(new byte[4]);
        pair.deliverPending();
        assertEquals(List.of(new InetSocketAddress("10.0.0.2", 3780)), from);
    }
}
