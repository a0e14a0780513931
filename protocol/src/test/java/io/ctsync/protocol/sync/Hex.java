package io.ctsync.protocol.sync;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex helpers for the sync codec tests. */
final class Hex {
    private Hex() {}

    /** Parses hex, ignoring whitespace. */
    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String of(ByteBuffer b, int offset, int length) {
        byte[] out = new byte[length];
        b.get(offset, out);
        return of(out);
    }

    /** Hex with a space every 4 bytes, for readable assertion failures. */
    static String spaced(byte[] b) {
        String h = of(b);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.length(); i += 8) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(h, i, Math.min(h.length(), i + 8));
        }
        return sb.toString();
    }
}
