package io.ctsync.protocol.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads {@code golden/sync/conntrackd-1.4.7.hex} (see its README): every datagram a real
 * conntrackd sent, with the section it arrived in and which daemon run sent it.
 */
final class ConntrackdCapture {
    static final String RESOURCE = "/golden/sync/conntrackd-1.4.7.hex";

    /** Run 1: FTFW, TCPWindowTracking off, no CommitTimeout. */
    static final SyncCodecOptions RUN1 = SyncCodecOptions.DEFAULT;
    /** Run 2: NOTRACK, TCPWindowTracking on, CommitTimeout 180. */
    static final SyncCodecOptions RUN2 = SyncCodecOptions.builder()
            .tcpWindowTracking(true)
            .sendTimeout(false)
            .build();

    /** One datagram. */
    record Datagram(int run, String section, byte[] bytes) {}

    /** One message of a datagram: its bytes and its decoded form (null if rejected). */
    record Message(int run, String section, byte[] bytes, SyncMessage decoded) {}

    private ConntrackdCapture() {}

    static List<Datagram> datagrams() {
        List<Datagram> out = new ArrayList<>();
        int run = 0;
        String section = "";
        for (String line : text().split("\n")) {
            if (line.startsWith("# run ")) {
                run++;
            }
            if (line.startsWith("# ")) {
                section = line.substring(2).trim();
            } else if (line.startsWith("< ")) {
                out.add(new Datagram(run, section, Hex.bytes(line.substring(2))));
            }
        }
        return out;
    }

    /** Every message, decoded with the options of its run; drops go to {@code sink}. */
    static List<Message> messages(SyncDropSink sink) {
        SyncDecoder[] decoders = {null, new SyncDecoder(RUN1, sink), new SyncDecoder(RUN2, sink)};
        SyncFramer framer = new SyncFramer(sink);
        List<Message> out = new ArrayList<>();
        for (Datagram d : datagrams()) {
            framer.read(
                    ByteBuffer.wrap(d.bytes()),
                    f -> out.add(new Message(d.run(), d.section(), f.toBytes(), decoders[d.run()].decode(f))));
        }
        return out;
    }

    static SyncCodecOptions options(int run) {
        return run == 1 ? RUN1 : RUN2;
    }

    private static String text() {
        try (InputStream in = ConntrackdCapture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
