package io.ctsync.protocol.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The command codes of conntrackd's control socket: a client writes one native-endian 4-byte
 * int, the daemon answers with plain text and closes the connection.
 */
public enum ConntrackdCommand {
    CT_FLUSH_MASTER(0, false),
    CT_RESYNC_MASTER(1, false),
    CT_DUMP_INTERNAL(16, true),
    CT_DUMP_EXTERNAL(17, true),
    CT_COMMIT(18, false),
    CT_FLUSH_CACHE(19, false),
    KILL(20, false),
    STATS(21, true),
    SEND_BULK(22, false),
    REQUEST_DUMP(23, false),
    CT_DUMP_INT_XML(24, true),
    CT_DUMP_EXT_XML(25, true),
    RESET_TIMERS(26, false),
    DEBUG_INFO(27, true),
    STATS_NETWORK(28, true),
    STATS_CACHE(29, true),
    STATS_RUNTIME(30, true),
    STATS_LINK(31, true),
    STATS_RSQUEUE(32, true),
    CT_FLUSH_INT_CACHE(33, false),
    CT_FLUSH_EXT_CACHE(34, false),
    STATS_PROCESS(35, true),
    STATS_QUEUE(36, true),
    EXP_STATS(37, true),
    EXP_FLUSH_MASTER(38, false),
    EXP_RESYNC_MASTER(39, false),
    EXP_DUMP_INTERNAL(40, true),
    EXP_DUMP_EXTERNAL(41, true),
    EXP_COMMIT(42, false),
    ALL_FLUSH_MASTER(43, false),
    ALL_RESYNC_MASTER(44, false),
    ALL_FLUSH_CACHE(45, false),
    ALL_COMMIT(46, false),
    EXP_DUMP_INT_XML(47, true),
    EXP_DUMP_EXT_XML(48, true);

    /** Size of a request on the wire. */
    public static final int REQUEST_BYTES = 4;

    private static final ConntrackdCommand[] BY_CODE = new ConntrackdCommand[49];

    static {
        for (ConntrackdCommand c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;
    private final boolean printsText;

    ConntrackdCommand(int code, boolean printsText) {
        this.code = code;
        this.printsText = printsText;
    }

    public int code() {
        return code;
    }

    /** Whether the daemon answers with text (statistics, dumps); the others answer nothing. */
    public boolean printsText() {
        return printsText;
    }

    /** The command for a code, or null for a code conntrackd does not define. */
    public static ConntrackdCommand fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The 4-byte request in the host's byte order, as conntrackd's client writes it. */
    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(REQUEST_BYTES).order(ByteOrder.nativeOrder());
        b.putInt(0, code);
        return b;
    }

    /** Decodes a 4-byte request written in the host's byte order; null when unknown. */
    public static ConntrackdCommand decode(ByteBuffer request) {
        if (request.remaining() < REQUEST_BYTES) {
            return null;
        }
        int p = request.position();
        return fromCode(request.duplicate().order(ByteOrder.nativeOrder()).getInt(p));
    }
}
