package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated datagrams (bit flips, truncation, length corruption, wrong version, unknown
 * types and attributes): the framers and the decoder never throw, every framed message is either
 * decoded or counted once under a named reason, and what is accepted is a valid model that
 * encodes again.
 */
class SyncFuzzTest {
    private static final Set<SyncDropReason> FRAMING =
            EnumSet.of(SyncDropReason.TRUNCATED, SyncDropReason.BAD_MESSAGE_SIZE, SyncDropReason.WRONG_VERSION);

    private final List<byte[]> corpus = corpus();

    /** Real conntrackd datagrams plus packed random encodings. */
    private static List<byte[]> corpus() {
        List<byte[]> out = new ArrayList<>();
        for (ConntrackdCapture.Datagram d : ConntrackdCapture.datagrams()) {
            out.add(d.bytes());
        }
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            SyncCodecOptions o = SyncCodecPropertyTest.randomOptions(r);
            SyncEncoder enc = new SyncEncoder(o, SyncDropSink.NONE);
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            int n = 1 + r.nextInt(5);
            for (int k = 0; k < n; k++) {
                d.writeBytes(enc.conntrack(
                        SyncMessageType.CT_NEW,
                        0,
                        k,
                        SyncCodecPropertyTest.randomCase(r, o).sender()));
            }
            out.add(d.toByteArray());
        }
        return out;
    }

    @Test
    void shouldNeverThrowAndAccountForEveryMessageOfRandomBytes() {
        Random r = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (0x10 | (b[0] & 0x0f));
            }
            check(b, r.nextBoolean(), EnumSet.noneOf(SyncDropReason.class));
        }
    }

    @Test
    void shouldNeverThrowAndAccountForEveryMessageOfMutatedDatagrams() {
        Random r = new Random(12);
        Set<SyncDropReason> seen = EnumSet.noneOf(SyncDropReason.class);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = mutate(r, corpus.get(r.nextInt(corpus.size())).clone());
            accepted += check(b, r.nextInt(4) == 0, seen);
        }
        assertEquals(EnumSet.range(SyncDropReason.TRUNCATED, SyncDropReason.UNKNOWN_ATTRIBUTE_SKIPPED), seen);
        assertTrue(accepted > 100_000, "mutations also leave decodable messages: " + accepted);
    }

    @Test
    void shouldNeverThrowOnMutatedStreamsCutAnywhere() {
        Random r = new Random(13);
        RecordingSink sink = new RecordingSink();
        SyncDecoder decoder = new SyncDecoder(SyncCodecOptions.DEFAULT, sink);
        for (int i = 0; i < 2_000; i++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int k = 0; k < 10; k++) {
                byte[] d = corpus.get(r.nextInt(corpus.size())).clone();
                stream.writeBytes(r.nextInt(5) == 0 ? mutate(r, d) : d);
            }
            byte[] bytes = stream.toByteArray();
            SyncStreamFramer framer = new SyncStreamFramer(sink);
            int p = 0;
            while (p < bytes.length) {
                int n = Math.min(bytes.length - p, 1 + r.nextInt(300));
                if (!framer.feed(ByteBuffer.wrap(bytes, p, n), decoder::decode)) {
                    framer.reset();
                }
                p += n;
            }
        }
        assertTrue(sink.reasons.stream().allMatch(SyncDropReason::isReceiveDrop));
    }

    /** Decodes one datagram, checks the accounting, adds the reasons seen; returns the accepted count. */
    private static int check(byte[] datagram, boolean lenient, Set<SyncDropReason> seen) {
        RecordingSink sink = new RecordingSink();
        SyncCodecOptions o =
                SyncCodecOptions.builder().rejectUnknownAttributes(!lenient).build();
        SyncDecoder decoder = new SyncDecoder(o, sink);
        List<SyncMessage> accepted = new ArrayList<>();
        int[] frames = new int[1];
        new SyncFramer(sink).read(ByteBuffer.wrap(datagram), f -> {
            frames[0]++;
            SyncMessage m = decoder.decode(f);
            if (m != null) {
                accepted.add(m);
            }
        });
        long sizeDrops = sink.reasons.stream()
                .filter(x -> x == SyncDropReason.TRUNCATED || x == SyncDropReason.BAD_MESSAGE_SIZE)
                .count();
        long messageDrops = sink.reasons.stream()
                .filter(x -> x.isReceiveDrop() && !FRAMING.contains(x))
                .count();
        String what = Hex.spaced(datagram) + " " + sink.reasons;
        assertTrue(sizeDrops <= 1, what);
        assertEquals(frames[0] - accepted.size(), messageDrops, what);
        assertTrue(
                sink.reasons.stream()
                        .allMatch(x -> x.isReceiveDrop() || (lenient && x == SyncDropReason.UNKNOWN_ATTRIBUTE_SKIPPED)),
                what);
        SyncEncoder enc = new SyncEncoder(SyncCodecOptions.DEFAULT, SyncDropSink.NONE);
        for (SyncMessage m : accepted) {
            if (m instanceof ConntrackStateMessage c) {
                enc.conntrack(c.type(), c.flags(), c.seq(), c.entry());
            } else if (m instanceof ControlMessage c) {
                assertEquals(c.size(), c.toBytes().length);
            }
        }
        seen.addAll(sink.reasons);
        return accepted.size();
    }

    private static byte[] mutate(Random r, byte[] b) {
        switch (r.nextInt(8)) {
            case 0:
                for (int k = 1 + r.nextInt(4); k > 0 && b.length > 0; k--) {
                    int i = r.nextInt(b.length);
                    b[i] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case 1:
                return java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 2:
                if (b.length >= 4) {
                    int len = r.nextInt(4) == 0 ? 0 : r.nextInt(b.length + 16);
                    b[2] = (byte) (len >>> 8);
                    b[3] = (byte) len;
                }
                return b;
            case 3:
                b[0] = (byte) ((r.nextInt(16) << 4) | (b[0] & 0x0f));
                return b;
            case 4:
                b[0] = (byte) (0x10 | r.nextInt(16));
                b[1] = (byte) r.nextInt(256);
                return b;
            case 5:
                return withAttribute(r, b);
            case 6:
                if (b.length > 12) {
                    int at = 8 + 4 * r.nextInt((b.length - 8) / 4);
                    int len = r.nextInt(0x10000);
                    b[at] = (byte) (len >>> 8);
                    b[at + 1] = (byte) len;
                }
                return b;
            default:
                if (b.length > 12) {
                    int at = 8 + 4 * r.nextInt((b.length - 8) / 4);
                    b[at + 3] = (byte) r.nextInt(40);
                }
                return b;
        }
    }

    /** The first message with one random attribute (any id, any length) appended. */
    private static byte[] withAttribute(Random r, byte[] b) {
        if (b.length < 8) {
            return b;
        }
        int len = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (len < 8 || len > b.length) {
            return b;
        }
        int payload = r.nextInt(40);
        int space = (4 + payload + 3) & ~3;
        byte[] out = new byte[b.length + space];
        System.arraycopy(b, 0, out, 0, len);
        int id = r.nextInt(3) == 0 ? r.nextInt(0x10000) : r.nextInt(40);
        out[len] = (byte) ((4 + payload) >>> 8);
        out[len + 1] = (byte) (4 + payload);
        out[len + 2] = (byte) (id >>> 8);
        out[len + 3] = (byte) id;
        for (int i = 0; i < payload; i++) {
            out[len + 4 + i] = (byte) r.nextInt();
        }
        System.arraycopy(b, len, out, len + space, b.length - len);
        int newLen = len + space;
        out[2] = (byte) (newLen >>> 8);
        out[3] = (byte) newLen;
        return out;
    }
}
