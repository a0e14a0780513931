package io.ctsync.daemon.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batching, ACK placement and the mapping of replies back to items, against a scripted kernel. */
class BatchRequestWriterTest {
    private static final int EEXIST = 17;
    private static final int ENOENT = 2;

    /** A CT_NEW-typed message carrying the item as a u32 attribute, padded to {@code size} bytes. */
    private static RequestEncoder<Integer> encoder(int size) {
        return (w, item, seq) -> {
            w.beginMessage(0x0100, Netlink.NLM_F_REQUEST | Netlink.NLM_F_CREATE, seq, 0);
            w.nfgenmsg(2, 0, 0);
            w.putU32(1, item);
            int pad = size - 28;
            if (pad > 4) {
                w.putBytes(2, new byte[pad - 4]);
            }
            w.endMessage();
        };
    }

    private static List<Integer> items(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private record Failure(Integer item, RequestFailure failure) {}

    @Test
    void shouldPutAtMostBatchSizeMessagesPerDatagramWithAckOnlyOnTheLast() {
        ScriptedKernel kernel = new ScriptedKernel(v -> 0);
        BatchRequestWriter w = new BatchRequestWriter(kernel, BatchRequestWriter.Options.defaults(), 1 << 20);
        BatchResult r = w.write(items(1000), encoder(180), (item, f) -> {
            throw new AssertionError(f.toString());
        });
        assertEquals(
                List.of(256, 256, 256, 232),
                kernel.datagrams.stream().map(List::size).toList());
        for (List<ScriptedKernel.Request> d : kernel.datagrams) {
            for (int i = 0; i < d.size(); i++) {
                boolean ack = (d.get(i).flags() & Netlink.NLM_F_ACK) != 0;
                assertEquals(i == d.size() - 1, ack, "ACK only on the last message");
            }
        }
        assertEquals(new BatchResult(1000, 1000, 0, 4, Map.of()), r);
        assertEquals(1000, w.counters().get(WriterCounter.SUCCEEDED));
    }

    @Test
    void shouldNumberRequestsConsecutivelyAcrossBatchesAndCalls() {
        ScriptedKernel kernel = new ScriptedKernel(v -> 0);
        BatchRequestWriter w = new BatchRequestWriter(kernel, BatchRequestWriter.Options.defaults(), 1 << 20);
        w.write(items(300), encoder(100), (i, f) -> {});
        w.write(items(10), encoder(100), (i, f) -> {});
        List<Integer> seqs = kernel.datagrams.stream()
                .flatMap(List::stream)
                .map(ScriptedKernel.Request::seq)
                .toList();
        assertEquals(IntStream.rangeClosed(1, 310).boxed().toList(), seqs);
    }

    @Test
    void shouldReportEachKernelErrorForExactlyTheItemThatCausedIt() {
        ScriptedKernel kernel = new ScriptedKernel(v -> v == 7 ? EEXIST : v == 300 ? ENOENT : v == 511 ? EEXIST : 0);
        kernel.extAckText = "entry already exists";
        BatchRequestWriter w = new BatchRequestWriter(kernel, BatchRequestWriter.Options.defaults(), 1 << 20);
        List<Failure> failures = new ArrayList<>();
        BatchResult r = w.write(items(512), encoder(180), (item, f) -> failures.add(new Failure(item, f)));
        assertEquals(List.of(7, 300, 511), failures.stream().map(Failure::item).toList());
        assertEquals(
                List.of("EEXIST", "ENOENT", "EEXIST"),
                failures.stream().map(f -> f.failure().errnoName()).toList());
        assertEquals("entry already exists", failures.get(0).failure().message());
        assertEquals(RequestFailure.Kind.KERNEL, failures.get(0).failure().kind());
        assertEquals(509, r.succeeded());
        assertEquals(3, r.failed());
        assertEquals(Map.of("EEXIST", 2L, "ENOENT", 1L), r.failuresByErrno());
    }

    @Test
    void shouldTreatAFailedLastMessageAsTheEndOfItsBatch() {
        ScriptedKernel kernel = new ScriptedKernel(v -> v == 255 ? EEXIST : 0);
        BatchRequestWriter w = new BatchRequestWriter(kernel, BatchRequestWriter.Options.defaults(), 1 << 20);
        List<Integer> failed = new ArrayList<>();
        BatchResult r = w.write(items(300), encoder(180), (item, f) -> failed.add(item));
        assertEquals(List.of(255), failed);
        assertEquals(299, r.succeeded());
        assertEquals(0, w.counters().get(WriterCounter.REPLY_TIMEOUTS));
    }

    @Test
    void shouldRequestAnAckForEveryMessageWhenAskedAndCountThem() {
        ScriptedKernel kernel = new ScriptedKernel(v -> v % 50 == 0 ? EEXIST : 0);
        BatchRequestWriter w = new BatchRequestWriter(
                kernel, BatchRequestWriter.Options.defaults().withAckEach(true).withBatchSize(100), 1 << 20);
        BatchResult r = w.write(items(250), encoder(180), (i, f) -> {});
        assertTrue(kernel.datagrams.stream().flatMap(List::stream).allMatch(q -> (q.flags() & Netlink.NLM_F_ACK) != 0));
        assertEquals(245, r.succeeded());
        assertEquals(5, r.failures("EEXIST"));
    }

    @Test
    void shouldFailEveryRequestOfADatagramWhoseSendFailed() {
        ScriptedKernel kernel = new ScriptedKernel(v -> 0);
        kernel.refuseSendNumber = 1;
        kernel.refuseErrno = 90; // EMSGSIZE
        BatchRequestWriter w = new BatchRequestWriter(
                kernel, BatchRequestWriter.Options.defaults().withBatchSize(10), 1 << 20);
        List<Integer> failed = new ArrayList<>();
        BatchResult r = w.write(items(30), encoder(100), (item, f) -> {
            assertEquals(RequestFailure.Kind.SEND, f.kind());
            failed.add(item);
        });
        assertEquals(IntStream.range(10, 20).boxed().toList(), failed);
        assertEquals(20, r.succeeded());
        assertEquals(Map.of("EMSGSIZE", 10L), r.failuresByErrno());
    }

    @Test
    void shouldNeverCountRequestsAsAppliedWhenTheirRepliesWereDropped() {
        ScriptedKernel kernel = new ScriptedKernel(v -> v < 20 ? EEXIST : 0);
        kernel.dropRepliesAfter = 5;
        BatchRequestWriter w = new BatchRequestWriter(
                kernel, BatchRequestWriter.Options.defaults().withBatchSize(100), 1 << 20);
        List<RequestFailure> failures = new ArrayList<>();
        BatchResult r = w.write(items(100), encoder(100), (item, f) -> failures.add(f));
        assertEquals(0, r.succeeded(), "without the final ACK nothing is known to be applied");
        assertEquals(5, r.failures("EEXIST"));
        assertEquals(95, r.failures("ENOBUFS"));
        assertTrue(failures.stream()
                .filter(f -> f.errnoName().equals("ENOBUFS"))
                .allMatch(f -> f.kind() == RequestFailure.Kind.NO_REPLY));
        assertEquals(1, w.counters().get(WriterCounter.REPLY_OVERRUNS));
    }

    @Test
    void shouldIgnoreRepliesWhoseSequenceBelongsToNoPendingRequest() {
        ScriptedKernel kernel = new ScriptedKernel(v -> 0);
        kernel.injectStaleAck(99_999);
        BatchRequestWriter w = new BatchRequestWriter(kernel, BatchRequestWriter.Options.defaults(), 1 << 20);
        BatchResult r = w.write(items(3), encoder(100), (i, f) -> {});
        assertEquals(3, r.succeeded());
        assertEquals(1, w.counters().get(WriterCounter.STALE_REPLIES));
    }

    @Test
    void shouldStartANewDatagramWhenTheNextMessageWouldNotFit() {
        ScriptedKernel kernel = new ScriptedKernel(v -> 0);
        BatchRequestWriter w = new BatchRequestWriter(kernel, BatchRequestWriter.Options.defaults(), 4096);
        BatchResult r = w.write(items(100), encoder(180), (i, f) -> {});
        assertEquals(100, r.succeeded());
        assertTrue(kernel.datagrams.stream().allMatch(d -> d.size() * 180 <= 4096));
        assertEquals(
                List.of(22, 22, 22, 22, 12),
                kernel.datagrams.stream().map(List::size).toList());
        for (List<ScriptedKernel.Request> d : kernel.datagrams) {
            assertTrue((d.get(d.size() - 1).flags() & Netlink.NLM_F_ACK) != 0);
            assertFalse((d.get(0).flags() & Netlink.NLM_F_ACK) != 0);
        }
    }

    @Test
    void shouldRejectARequestLargerThanADatagram() {
        ScriptedKernel kernel = new ScriptedKernel(v -> 0);
        BatchRequestWriter w = new BatchRequestWriter(kernel, BatchRequestWriter.Options.defaults(), 4096);
        assertThrows(IllegalArgumentException.class, () -> w.write(items(1), encoder(8000), (i, f) -> {}));
    }

    @Test
    void shouldRejectAnEncoderThatWritesTwoMessages() {
        ScriptedKernel kernel = new ScriptedKernel(v -> 0);
        BatchRequestWriter w = new BatchRequestWriter(kernel, BatchRequestWriter.Options.defaults(), 1 << 16);
        RequestEncoder<Integer> twice = (NetlinkMessageWriter mw, Integer item, int seq) -> {
            encoder(100).encode(mw, item, seq);
            encoder(100).encode(mw, item, seq);
        };
        assertThrows(IllegalStateException.class, () -> w.write(items(1), twice, (i, f) -> {}));
    }
}
