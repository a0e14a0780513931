package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The receiver loop of compat §3.1 in datagram and stream mode. */
class SyncFramerTest {
    private static final String ALIVE = "1a100008 00000001";
    private static final String ACK = "1a080010 00000002 00000001 00000002";
    private static final String DATA = "11000010 00000003 00050002 11000000";

    private final RecordingSink sink = new RecordingSink();
    private final List<String> frames = new ArrayList<>();

    private void read(String hex) {
        new SyncFramer(sink).read(ByteBuffer.wrap(Hex.bytes(hex)), f -> frames.add(Hex.of(f.toBytes())));
    }

    private static String h(String hex) {
        return Hex.of(Hex.bytes(hex));
    }

    @Test
    void shouldDeliverEveryMessageOfAPackedDatagramInOrder() {
        read(ALIVE + ACK + DATA);
        assertEquals(List.of(h(ALIVE), h(ACK), h(DATA)), frames);
        assertEquals(List.of(), sink.reasons);
    }

    @Test
    void shouldHonourThePayloadPositionAndLimit() {
        byte[] all = Hex.bytes("ffffffff" + ALIVE + ACK + "eeee");
        ByteBuffer b = ByteBuffer.wrap(all, 4, 24);
        assertEquals(2, new SyncFramer(sink).read(b, f -> frames.add(Hex.of(f.toBytes()))));
        assertEquals(4, b.position(), "position unchanged");
        assertEquals(List.of(h(ALIVE), h(ACK)), frames);
    }

    @Test
    void shouldCountATruncatedTailAfterTheGoodMessages() {
        read(ALIVE + "1a1000");
        assertEquals(List.of(h(ALIVE)), frames);
        assertEquals(List.of(SyncDropReason.TRUNCATED), sink.reasons);
    }

    @Test
    void shouldDropTheRestOnAZeroLength() {
        read("1a100000 00000001" + ALIVE);
        assertEquals(List.of(), frames);
        assertEquals(List.of(SyncDropReason.BAD_MESSAGE_SIZE), sink.reasons);
    }

    @Test
    void shouldDropALengthBeyondTheDatagram() {
        read(ALIVE + "10000040 00000009 00050002 11000000");
        assertEquals(List.of(h(ALIVE)), frames);
        assertEquals(List.of(SyncDropReason.BAD_MESSAGE_SIZE), sink.reasons);
    }

    @Test
    void shouldDropAShortControlRangeHeaderAsTruncatedOrBadSize() {
        read("1a080008 00000001");
        assertEquals(List.of(SyncDropReason.TRUNCATED), sink.reasons, "fewer than 16 bytes available");
        sink.reasons.clear();
        read("1a08000c 00000001 00000000 00000000");
        assertEquals(List.of(SyncDropReason.BAD_MESSAGE_SIZE), sink.reasons, "16 available, len 12");
        assertEquals(List.of(), frames);
    }

    @Test
    void shouldDropALengthBelowTheHeader() {
        read("10000004 00000001");
        assertEquals(List.of(SyncDropReason.BAD_MESSAGE_SIZE), sink.reasons);
    }

    @Test
    void shouldSkipOnlyTheMessageOfAWrongVersion() {
        read("2a100008 00000001" + "00100008 00000001" + ALIVE);
        assertEquals(List.of(h(ALIVE)), frames);
        assertEquals(List.of(SyncDropReason.WRONG_VERSION, SyncDropReason.WRONG_VERSION), sink.reasons);
    }

    @Test
    void shouldAcceptAnEightByteAliveWithTrailingBytesInItsLength() {
        read("1a10000c 00000001 abcdef01" + ALIVE);
        assertEquals(2, frames.size());
        assertEquals(List.of(), sink.reasons);
    }

    @Test
    void shouldKeepAPartialMessageOfAStreamForTheNextRead() {
        SyncStreamFramer s = new SyncStreamFramer(sink);
        byte[] all = Hex.bytes(ALIVE + ACK + DATA);
        assertTrue(s.feed(ByteBuffer.wrap(all, 0, 5), f -> frames.add(Hex.of(f.toBytes()))));
        assertEquals(5, s.pending());
        assertEquals(List.of(), frames);
        assertTrue(s.feed(ByteBuffer.wrap(all, 5, 15), f -> frames.add(Hex.of(f.toBytes()))));
        assertEquals(List.of(h(ALIVE)), frames);
        assertEquals(12, s.pending());
        assertTrue(s.feed(ByteBuffer.wrap(all, 20, all.length - 20), f -> frames.add(Hex.of(f.toBytes()))));
        assertEquals(List.of(h(ALIVE), h(ACK), h(DATA)), frames);
        assertEquals(0, s.pending());
        assertEquals(List.of(), sink.reasons, "waiting for bytes is not a drop");
    }

    @Test
    void shouldDeliverTheSameMessagesFromAStreamCutAnywhereAsFromOneDatagram() {
        Random r = new Random(7);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String m =
                    switch (r.nextInt(3)) {
                        case 0 -> ALIVE;
                        case 1 -> ACK;
                        default -> DATA;
                    };
            all.writeBytes(Hex.bytes(m));
            expected.add(h(m));
        }
        byte[] bytes = all.toByteArray();
        for (int trial = 0; trial < 50; trial++) {
            frames.clear();
            SyncStreamFramer s = new SyncStreamFramer(sink);
            int p = 0;
            while (p < bytes.length) {
                int n = Math.min(bytes.length - p, r.nextInt(40));
                assertTrue(s.feed(ByteBuffer.wrap(bytes, p, n), f -> frames.add(Hex.of(f.toBytes()))));
                p += n;
            }
            assertEquals(expected, frames);
            assertEquals(0, s.pending());
        }
        assertEquals(List.of(), sink.reasons);
    }

    @Test
    void shouldReportALostStreamFramingAndForgetTheBuffer() {
        SyncStreamFramer s = new SyncStreamFramer(sink);
        assertTrue(s.feed(ByteBuffer.wrap(Hex.bytes(ALIVE + "1a10")), f -> frames.add("x")));
        assertFalse(s.feed(ByteBuffer.wrap(Hex.bytes("0000 00000001" + ALIVE)), f -> frames.add("y")));
        assertEquals(List.of("x"), frames);
        assertEquals(0, s.pending());
        assertEquals(List.of(SyncDropReason.BAD_MESSAGE_SIZE), sink.reasons);
        s.reset();
        assertTrue(s.feed(ByteBuffer.wrap(Hex.bytes(ALIVE)), f -> frames.add("z")));
        assertEquals(List.of("x", "z"), frames);
    }

    @Test
    void shouldSkipAWrongVersionInAStreamAndGoOn() {
        SyncStreamFramer s = new SyncStreamFramer(sink);
        assertTrue(s.feed(ByteBuffer.wrap(Hex.bytes("3a100008 00000001" + ALIVE)), f -> frames.add("a")));
        assertEquals(List.of("a"), frames);
        assertEquals(List.of(SyncDropReason.WRONG_VERSION), sink.reasons);
    }
}
