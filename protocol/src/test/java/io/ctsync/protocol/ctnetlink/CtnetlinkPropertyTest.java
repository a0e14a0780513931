package io.ctsync.protocol.ctnetlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.netlink.DropReason;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** decode(encode(x)) == x for random entries and expectations; no input makes the decoder throw. */
class CtnetlinkPropertyTest {
    private static final int RUNS = 20_000;

    @Test
    void shouldDecodeWhatItEncodesForRandomEntries() {
        RandomEntries gen = new RandomEntries(20260101L);
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(64 * 1024);
        Golden.Collector c = new Golden.Collector();
        CtnetlinkDecoder d = new CtnetlinkDecoder(c);
        for (int i = 0; i < RUNS; i++) {
            ConntrackEntry e = gen.entry();
            w.reset();
            int flags = gen.random().nextBoolean() ? Netlink.NLM_F_MULTI : 0;
            ConntrackEncoder.entry(w, CtnlMessage.CT_NEW, flags, i + 1, 4242, e);
            c.conntrack.clear();
            d.decode(w.buffer(), 0, w.length());
            assertTrue(c.drops.isEmpty(), () -> c.drops + " for " + e);
            assertEquals(1, c.conntrack.size());
            ConntrackMessage m = c.conntrack.get(0);
            assertEquals(e, m.entry());
            assertEquals(i + 1, m.seq());
            assertEquals(4242, m.pid());
            assertTrue(w.length() <= ConntrackEncoder.MAX_ENTRY_MESSAGE_BYTES, () -> w.length() + " bytes for " + e);
        }
    }

    @Test
    void shouldDecodeWhatItEncodesForRandomExpectations() {
        RandomEntries gen = new RandomEntries(77L);
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(64 * 1024);
        Golden.Collector c = new Golden.Collector();
        CtnetlinkDecoder d = new CtnetlinkDecoder(c);
        for (int i = 0; i < RUNS / 4; i++) {
            Expectation x = gen.expectation();
            w.reset();
            ExpectationEncoder.entry(w, CtnlMessage.EXP_NEW, Netlink.NLM_F_MULTI, i, 0, x);
            c.expectations.clear();
            d.decode(w.buffer(), 0, w.length());
            assertTrue(c.drops.isEmpty(), () -> c.drops + " for " + x);
            assertEquals(x, c.expectations.get(0).expectation());
        }
    }

    @Test
    void shouldDecodeBatchesOfManyMessagesInOrder() {
        RandomEntries gen = new RandomEntries(5L);
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(256 * 1024);
        List<ConntrackEntry> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ConntrackEntry e = gen.entry();
            sent.add(e);
            ConntrackEncoder.entry(w, CtnlMessage.CT_NEW, Netlink.NLM_F_MULTI, 1, 0, e);
        }
        w.beginMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, 1, 0).putRaw(new byte[4]);
        w.endMessage();
        Golden.Collector c = new Golden.Collector();
        new CtnetlinkDecoder(c).decode(w.buffer(), 0, w.length());
        assertEquals(sent.size(), c.conntrack.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(sent.get(i), c.conntrack.get(i).entry());
            assertEquals(MessageKind.DUMP, c.conntrack.get(i).kind());
        }
        assertEquals(1, c.done);
    }

    @Test
    void shouldNeverThrowOnArbitraryBytes() {
        Random rnd = new Random(99);
        Golden.Collector c = new Golden.Collector();
        CtnetlinkDecoder d = new CtnetlinkDecoder(c);
        for (int i = 0; i < RUNS * 5; i++) {
            byte[] data = new byte[rnd.nextInt(400)];
            rnd.nextBytes(data);
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
            if (data.length >= 20 && rnd.nextBoolean()) {
                // a plausible header so that the attribute decoders get exercised, not just framing
                b.putInt(0, rnd.nextInt(data.length + 1));
                int[] types = {
                    CtnlMessage.CT_NEW,
                    CtnlMessage.CT_DELETE,
                    CtnlMessage.EXP_NEW,
                    CtnlMessage.EXP_DELETE,
                    CtnlMessage.CT_GET_STATS_CPU,
                    CtnlMessage.CT_GET_STATS,
                    CtnlMessage.EXP_STATS_CPU_REPLY,
                    Netlink.NLMSG_ERROR,
                    Netlink.NLMSG_DONE
                };
                b.putShort(4, (short) types[rnd.nextInt(types.length)]);
                b.put(16, (byte) (rnd.nextBoolean() ? 2 : 10));
            }
            d.decode(b);
        }
        assertEquals(0, d.dropped(DropReason.DECODER_FAULT));
        assertTrue(d.droppedTotal() > 0);
    }

    @Test
    void shouldCountMutatedValidMessagesInsteadOfThrowing() {
        RandomEntries gen = new RandomEntries(123L);
        Random rnd = gen.random();
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(64 * 1024);
        long[] delivered = new long[1];
        CtnetlinkHandler counting = new CtnetlinkHandler() {
            @Override
            public void onConntrack(ConntrackMessage message) {
                delivered[0]++;
            }
        };
        CtnetlinkDecoder d = new CtnetlinkDecoder(counting);
        long messages = 0;
        for (int i = 0; i < RUNS; i++) {
            w.reset();
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                ConntrackEncoder.entry(w, CtnlMessage.CT_NEW, Netlink.NLM_F_MULTI, k, 0, gen.entry());
            }
            messages += n;
            byte[] data = new byte[w.length()];
            w.buffer().get(0, data);
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
            int length = data.length;
            switch (rnd.nextInt(4)) {
                case 0:
                    for (int flips = 1 + rnd.nextInt(4); flips > 0; flips--) {
                        int bit = rnd.nextInt(data.length * 8);
                        data[bit >>> 3] ^= (byte) (1 << (bit & 7));
                    }
                    break;
                case 1:
                    length = rnd.nextInt(data.length);
                    break;
                case 2: {
                    int at = rnd.nextInt(data.length / 2) * 2;
                    b.putShort(at, (short) rnd.nextInt(65536));
                    break;
                }
                default:
                    b.putInt(0, rnd.nextInt(data.length * 2));
                    break;
            }
            d.decode(b, 0, length);
        }
        assertEquals(0, d.dropped(DropReason.DECODER_FAULT));
        assertTrue(delivered[0] + d.droppedTotal() <= messages);
        assertTrue(d.droppedTotal() > 0);
        assertTrue(delivered[0] > 0, "bit flips in payload bytes leave many messages decodable");
    }
}
