package io.ctsync.daemon.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The TCP splitter finds message boundaries whatever the read sizes, and refuses lengths below 8. */
class SyncStreamSplitterTest {
    private final SyncStreamSplitter splitter = new SyncStreamSplitter(UnpooledByteBufAllocator.DEFAULT);
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final List<Integer> runLengths = new ArrayList<>();

    /** A message of {@code length} bytes (multiple of 4, at least 8) with a recognisable body. */
    static byte[] message(int length, int seq) {
        byte[] m = new byte[length];
        m[0] = 0x10;
        m[2] = (byte) (length >> 8);
        m[3] = (byte) length;
        m[4] = (byte) (seq >> 24);
        m[5] = (byte) (seq >> 16);
        m[6] = (byte) (seq >> 8);
        m[7] = (byte) seq;
        for (int i = 8; i < length; i++) {
            m[i] = (byte) (seq + i);
        }
        return m;
    }

    private SyncStreamSplitter.Result feed(byte[] bytes, int from, int to) {
        return splitter.feed(Unpooled.copiedBuffer(bytes, from, to - from), this::collect);
    }

    private void collect(ByteBuf run) {
        runLengths.add(run.readableBytes());
        delivered.writeBytes(ByteBufUtil.getBytes(run));
    }

    private static byte[] stream(int messages, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (int i = 0; i < messages; i++) {
            s.writeBytes(message(8 + 4 * r.nextInt(0, 200), i));
        }
        return s.toByteArray();
    }

    @Test
    void shouldReassembleMessagesFedByteByByte() {
        byte[] s = stream(20, 1);
        for (int i = 0; i < s.length; i++) {
            assertEquals(SyncStreamSplitter.Result.OK, feed(s, i, i + 1));
        }
        assertArrayEquals(s, delivered.toByteArray());
        assertEquals(20, runLengths.size()); // each message completes on its own byte
        assertEquals(0, splitter.pending());
    }

    @Test
    void shouldDeliverManyMessagesOfOneReadAsOneRun() {
        byte[] s = stream(50, 2);
        feed(s, 0, s.length);
        assertEquals(List.of(s.length), runLengths);
        assertArrayEquals(s, delivered.toByteArray());
    }

    @Test
    void shouldKeepAPartialTrailingMessageUntilItCompletes() {
        byte[] first = message(40, 1);
        byte[] second = message(100, 2);
        byte[] s = concat(first, second);
        feed(s, 0, 40 + 5); // the first message and 5 bytes of the header of the second
        assertEquals(List.of(40), runLengths);
        assertEquals(5, splitter.pending());
        feed(s, 45, 60); // header complete, body not yet
        assertEquals(20, splitter.pending());
        feed(s, 60, s.length);
        assertEquals(List.of(40, 100), runLengths);
        assertArrayEquals(s, delivered.toByteArray());
        assertEquals(0, splitter.pending());
    }

    @Test
    void shouldSplitCorrectlyUnderArbitraryFragmentation() {
        for (long seed = 0; seed < 50; seed++) {
            SyncStreamSplitter sp = new SyncStreamSplitter(UnpooledByteBufAllocator.DEFAULT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] s = stream(200, seed);
            SplittableRandom r = new SplittableRandom(seed * 31 + 7);
            int pos = 0;
            while (pos < s.length) {
                int n = Math.min(s.length - pos, 1 + r.nextInt(3000));
                assertEquals(
                        SyncStreamSplitter.Result.OK,
                        sp.feed(Unpooled.copiedBuffer(s, pos, n), run -> out.writeBytes(ByteBufUtil.getBytes(run))));
                pos += n;
            }
            assertArrayEquals(s, out.toByteArray(), "seed " + seed);
            assertEquals(0, sp.pending());
        }
    }

    @Test
    void shouldReportZeroLengthAsBadAfterDeliveringTheMessagesBeforeIt() {
        byte[] good = message(24, 1);
        byte[] bad = message(8, 2);
        bad[2] = 0;
        bad[3] = 0;
        byte[] s = concat(good, bad, message(16, 3));
        assertEquals(SyncStreamSplitter.Result.BAD_LENGTH, feed(s, 0, s.length));
        assertEquals(List.of(24), runLengths);
        assertEquals(0, splitter.pending());
    }

    @Test
    void shouldReportALengthBelowTheHeaderAsBadEvenWhenItArrivesInPieces() {
        byte[] bad = message(8, 2);
        bad[3] = 4; // length 4 < 8
        assertEquals(SyncStreamSplitter.Result.OK, feed(bad, 0, 3));
        assertEquals(SyncStreamSplitter.Result.BAD_LENGTH, feed(bad, 3, 8));
        assertEquals(List.of(), runLengths);
    }

    @Test
    void shouldWaitForADeclaredLengthBeyondTheBytesAtHand() {
        byte[] big = message(4096, 9);
        assertEquals(SyncStreamSplitter.Result.OK, feed(big, 0, 4095));
        assertEquals(List.of(), runLengths);
        assertEquals(4095, splitter.pending());
        feed(big, 4095, 4096);
        assertEquals(List.of(4096), runLengths);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            s.writeBytes(p);
        }
        return s.toByteArray();
    }
}
