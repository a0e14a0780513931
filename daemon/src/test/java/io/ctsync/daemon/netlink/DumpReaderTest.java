package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.protocol.netlink.Netlink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dumps stream message by message and end only on NLMSG_DONE or an error for their own request. */
class DumpReaderTest {

    /** Replays prepared reply datagrams; records the request's sequence number. */
    static final class ReplayTransport implements NetlinkTransport {
        final Deque<byte[]> replies = new ArrayDeque<>();
        int requestSeq = -1;
        int sends;

        @Override
        public int portId() {
            return 77;
        }

        @Override
        public int send(NativeBuffer buffer, int offset, int length) {
            sends++;
            requestSeq = buffer.buffer().getInt(offset + Netlink.OFF_SEQ);
            return length;
        }

        @Override
        public int receive(NativeBuffer buffer, int offset, int capacity, boolean dontWait) {
            if (sends == 0) {
                return -11; // nothing is left over from earlier requests
            }
            byte[] next = replies.poll();
            return next == null ? -11 : copy(next, buffer, offset);
        }

        private static int copy(byte[] d, NativeBuffer buffer, int offset) {
            buffer.buffer().put(offset, d);
            return d.length;
        }

        @Override
        public void close() {}
    }

    private static byte[] message(int type, int flags, int seq, int payloadInt) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(0, 20)
                .putShort(4, (short) type)
                .putShort(6, (short) flags)
                .putInt(8, seq)
                .putInt(16, payloadInt);
        return b.array();
    }

    private static byte[] datagram(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.writeBytes(m);
        }
        return out.toByteArray();
    }

    private static final DumpReader.Request REQUEST = (w, seq) -> {
        w.beginMessage(0x0101, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq, 0);
        w.nfgenmsg(0, 0, 0);
        w.endMessage();
    };

    @Test
    void shouldStreamEveryMessageUntilDoneAcrossDatagrams() throws Exception {
        ReplayTransport t = new ReplayTransport();
        DumpReader d = new DumpReader(t);
        // the reader numbers its first request 1
        t.replies.add(datagram(message(0x100, 2, 1, 10), message(0x100, 2, 1, 11)));
        t.replies.add(datagram(message(0x100, 2, 999, 66), message(0x100, 2, 1, 12)));
        t.replies.add(datagram(message(Netlink.NLMSG_DONE, 2, 1, 0)));
        List<Integer> seen = new ArrayList<>();
        DumpResult r = d.dump(REQUEST, m -> seen.add(m.buffer().getInt(m.payloadOffset())));
        assertEquals(1, t.requestSeq);
        assertEquals(List.of(10, 11, 12), seen, "the stale message of another request is not handed over");
        assertTrue(r.complete());
        assertEquals(3, r.messages());
        assertEquals(3, r.datagrams());
        assertFalse(r.interrupted());
    }

    @Test
    void shouldDeliverMoreDatagramsThanTheReceiveRingHoldsInOrderToASlowHandler() throws Exception {
        ReplayTransport t = new ReplayTransport();
        for (int i = 0; i < 50; i++) {
            t.replies.add(datagram(message(0x100, 2, 1, i)));
        }
        t.replies.add(datagram(message(Netlink.NLMSG_DONE, 2, 1, 0)));
        List<Integer> seen = new ArrayList<>();
        DumpResult r = new DumpReader(t).dump(REQUEST, m -> {
            if (seen.size() % 10 == 0) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return seen.add(m.buffer().getInt(m.payloadOffset()));
        });
        assertTrue(r.complete());
        assertEquals(java.util.stream.IntStream.range(0, 50).boxed().toList(), seen);
    }

    @Test
    void shouldReportTheErrnoOfAFailedDump() throws Exception {
        ReplayTransport t = new ReplayTransport();
        t.replies.add(datagram(message(0x100, 2, 1, 10), message(Netlink.NLMSG_DONE, 2, 1, -4)));
        DumpResult r = new DumpReader(t).dump(REQUEST, m -> true);
        assertEquals(4, r.errno());
        assertEquals("EINTR", r.errnoName());
    }

    @Test
    void shouldEndOnAnErrorForTheRequest() throws Exception {
        ReplayTransport t = new ReplayTransport();
        ByteBuffer e = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        e.putInt(0, 36).putShort(4, (short) Netlink.NLMSG_ERROR).putShort(6, (short) Netlink.NLM_F_CAPPED);
        e.putInt(8, 1).putInt(16, -1).putInt(20, 20).putInt(28, 1);
        t.replies.add(e.array());
        DumpResult r = new DumpReader(t).dump(REQUEST, m -> true);
        assertEquals("EPERM", r.errnoName());
        assertEquals(0, r.messages());
    }

    @Test
    void shouldFlagAnInterruptedDumpAndCountMalformedTails() throws Exception {
        ReplayTransport t = new ReplayTransport();
        byte[] bad = new byte[30];
        System.arraycopy(message(0x100, 2 | Netlink.NLM_F_DUMP_INTR, 1, 5), 0, bad, 0, 20);
        ByteBuffer.wrap(bad).order(ByteOrder.nativeOrder()).putInt(20, 500); // a length beyond the datagram
        t.replies.add(bad);
        t.replies.add(datagram(message(Netlink.NLMSG_DONE, 2, 1, 0)));
        DumpResult r = new DumpReader(t).dump(REQUEST, m -> true);
        assertTrue(r.interrupted());
        assertEquals(1, r.malformed());
        assertEquals(1, r.messages());
    }

    @Test
    void shouldTimeOutWhenTheKernelStopsAnswering() throws Exception {
        ReplayTransport t = new ReplayTransport();
        t.replies.add(datagram(message(0x100, 2, 1, 10)));
        DumpResult r = new DumpReader(t).dump(REQUEST, m -> true);
        assertEquals("ETIMEDOUT", r.errnoName());
        assertFalse(r.complete());
    }

    @Test
    void shouldDrainTheDumpAndRethrowWhenTheHandlerFails() throws Exception {
        ReplayTransport t = new ReplayTransport();
        for (int i = 0; i < 20; i++) {
            t.replies.add(datagram(message(0x100, 2, 1, 10), message(0x100, 2, 1, 11)));
        }
        t.replies.add(datagram(message(Netlink.NLMSG_DONE, 2, 1, 0)));
        DumpReader d = new DumpReader(t);
        assertThrows(
                IllegalStateException.class,
                () -> d.dump(REQUEST, m -> {
                    throw new IllegalStateException("consumer bug");
                }));
        assertTrue(t.replies.isEmpty(), "the rest of the dump was read");
        assertNull(t.replies.peek());
    }
}
