package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.Tuple;
import io.ctsync.protocol.ctnetlink.ConntrackEncoder;
import io.ctsync.protocol.ctnetlink.CtnlMessage;
import io.ctsync.protocol.ctnetlink.MessageKind;
import io.ctsync.protocol.netlink.DropReason;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader thread's decoder turns event datagrams into origin-tagged events and never throws. */
class ConntrackEventDecoderTest {
    private static final ConntrackEntry ENTRY = ConntrackEntry.builder()
            .original(Tuple.of("10.0.0.1", "10.0.0.2", IpProtocol.UDP, 1000, 53))
            .reply(Tuple.of("10.0.0.2", "10.0.0.1", IpProtocol.UDP, 53, 1000))
            .status(ConntrackStatus.CONFIRMED)
            .timeout(30)
            .build();

    private static ByteBuffer message(int type, int flags, int seq, int pid) {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(4096);
        ConntrackEncoder.entry(w, type, flags, seq, pid, ENTRY);
        return w.flip();
    }

    @Test
    void shouldTurnNewUpdateAndDestroyMessagesIntoEventsWithTheirOriginPort() {
        ConntrackEventDecoder d = new ConntrackEventDecoder();
        List<ConntrackEvent> out = new ArrayList<>();
        ByteBuffer n = message(CtnlMessage.CT_NEW, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, 0, 4242);
        ByteBuffer u = message(CtnlMessage.CT_NEW, 0, 0, 0);
        ByteBuffer x = message(CtnlMessage.CT_DELETE, 0, 0, 4242);
        assertEquals(0, d.decode(n, 0, n.limit(), out));
        assertEquals(0, d.decode(u, 0, u.limit(), out));
        assertEquals(0, d.decode(x, 0, x.limit(), out));
        assertEquals(
                List.of(MessageKind.NEW, MessageKind.UPDATE, MessageKind.DESTROY),
                out.stream().map(ConntrackEvent::kind).toList());
        assertTrue(out.get(0).causedBy(4242));
        assertTrue(!out.get(1).causedBy(4242) && !out.get(1).causedBy(0), "packet-path events have port 0");
        assertEquals(
                ENTRY.original(),
                ((ConntrackEvent.EntryEvent) out.get(2)).entry().original());
    }

    @Test
    void shouldCountADumpPartOnTheEventSocketAsUnexpected() {
        ConntrackEventDecoder d = new ConntrackEventDecoder();
        List<ConntrackEvent> out = new ArrayList<>();
        ByteBuffer dump = message(CtnlMessage.CT_NEW, Netlink.NLM_F_MULTI, 9, 0);
        assertEquals(1, d.decode(dump, 0, dump.limit(), out));
        assertEquals(List.of(), out);
        assertEquals(1, d.drops().get(DropReason.UNKNOWN_MESSAGE_TYPE));
    }

    @Test
    void shouldNeverThrowOnArbitraryOrTruncatedBytes() {
        ConntrackEventDecoder d = new ConntrackEventDecoder();
        Random random = new Random(42);
        ByteBuffer valid = message(CtnlMessage.CT_NEW, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, 0, 1);
        List<ConntrackEvent> out = new ArrayList<>();
        long dropped = 0;
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocate(valid.limit()).order(valid.order());
            for (int j = 0; j < valid.limit(); j++) {
                b.put(j, valid.get(j));
            }
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                b.put(random.nextInt(valid.limit()), (byte) random.nextInt(256));
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(valid.limit() + 1) : valid.limit();
            int dropsNow = d.decode(b, 0, length, out);
            assertTrue(dropsNow >= 0);
            dropped += dropsNow;
        }
        assertTrue(dropped > 0, "corrupt input was counted");
    }
}
