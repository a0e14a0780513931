package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.netlink.DropReason;
import io.ctsync.protocol.netlink.NetlinkError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads the kernel-captured fixtures under {@code golden/ctnetlink} and decodes them into lists. */
final class Golden {
    private Golden() {}

    /** Datagrams of NAME.hex: {@code received} true for '<' lines (from the kernel), false for '>'. */
    static List<byte[]> datagrams(String name, boolean received) {
        List<byte[]> out = new ArrayList<>();
        for (String line : text(name + ".hex").split("\n")) {
            if (line.startsWith(received ? "< " : "> ")) {
                out.add(HexFormat.of().parseHex(line.substring(2).trim()));
            }
        }
        return out;
    }

    /** The lines conntrack printed (NAME.out), without its summary line. */
    static List<String> output(String name) {
        List<String> out = new ArrayList<>();
        for (String line : text(name + ".out").split("\n")) {
            if (!line.isBlank() && !line.startsWith("conntrack v")) {
                out.add(line);
            }
        }
        return out;
    }

    static String text(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/ctnetlink/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
        b.put(bytes).flip();
        return b;
    }

    /** Everything a decoder delivered, in order. */
    static final class Collector implements CtnetlinkHandler {
        final List<Object> all = new ArrayList<>();
        final List<ConntrackMessage> conntrack = new ArrayList<>();
        final List<ExpectationMessage> expectations = new ArrayList<>();
        final List<CpuStats> cpuStats = new ArrayList<>();
        final List<GlobalStats> globalStats = new ArrayList<>();
        final List<NetlinkError> errors = new ArrayList<>();
        final List<DropReason> drops = new ArrayList<>();
        int done;

        @Override
        public void onConntrack(ConntrackMessage m) {
            conntrack.add(m);
            all.add(m);
        }

        @Override
        public void onExpectation(ExpectationMessage m) {
            expectations.add(m);
            all.add(m);
        }

        @Override
        public void onCpuStats(CpuStats s) {
            cpuStats.add(s);
            all.add(s);
        }

        @Override
        public void onGlobalStats(GlobalStats s) {
            globalStats.add(s);
            all.add(s);
        }

        @Override
        public void onError(NetlinkError e) {
            errors.add(e);
            all.add(e);
        }

        @Override
        public void onDone(int seq, int pid, int errno) {
            done++;
            all.add("DONE " + errno);
        }

        @Override
        public void onDrop(DropReason reason, int nlmsgType, int seq) {
            drops.add(reason);
            all.add(reason);
        }
    }

    /** Decodes every received datagram of fixture NAME. */
    static Collector decodeReceived(String name) {
        Collector c = new Collector();
        CtnetlinkDecoder d = new CtnetlinkDecoder(c);
        for (byte[] dg : datagrams(name, true)) {
            d.decode(direct(dg));
        }
        return c;
    }
}
