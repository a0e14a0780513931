package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.conntrack.Expectation;
import io.ctsync.protocol.conntrack.Tuple;
import io.ctsync.protocol.netlink.Netlink;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import io.ctsync.protocol.netlink.Nfnetlink;

/**
 * Writes expectation requests (ctnetlink subsystem 2) into a {@link NetlinkMessageWriter}; each
 * method returns the offset of the message it wrote.
 */
public final class ExpectationEncoder {
    private ExpectationEncoder() {}

    /**
     * A create request: master, tuple and mask (all three required by the kernel), timeout, zone,
     * helper name, flags, class, NAT and function name when present. The master connection must
     * exist; without a conntrack helper on it the kernel refuses (EOPNOTSUPP on 6.18).
     */
    public static int create(NetlinkMessageWriter w, int seq, Expectation x, ConntrackEncoder.CreateMode mode) {
        begin(w, CtnlMessage.EXP_NEW, Netlink.NLM_F_REQUEST | mode.flags(), seq, x.family());
        body(w, x, false);
        return w.endMessage();
    }

    /** A GET of one expectation by its expected tuple (and zone, unless null). */
    public static int get(NetlinkMessageWriter w, int seq, Tuple tuple, Integer zone) {
        begin(w, CtnlMessage.EXP_GET, Netlink.NLM_F_REQUEST, seq, tuple.family());
        ConntrackEncoder.tuple(w, Cta.Expect.TUPLE, tuple);
        if (zone != null) {
            w.putBe16(Cta.Expect.ZONE, zone);
        }
        return w.endMessage();
    }

    /** A DELETE of one expectation by its expected tuple (and zone, unless null). */
    public static int delete(NetlinkMessageWriter w, int seq, Tuple tuple, Integer zone) {
        begin(w, CtnlMessage.EXP_DELETE, Netlink.NLM_F_REQUEST, seq, tuple.family());
        ConntrackEncoder.tuple(w, Cta.Expect.TUPLE, tuple);
        if (zone != null) {
            w.putBe16(Cta.Expect.ZONE, zone);
        }
        return w.endMessage();
    }

    /** A dump of the expectation table (AF_UNSPEC: both families). */
    public static int dump(NetlinkMessageWriter w, int seq, int family) {
        begin(w, CtnlMessage.EXP_GET, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq, family);
        return w.endMessage();
    }

    /** Deletes every expectation (DELETE without tuple). */
    public static int flush(NetlinkMessageWriter w, int seq, int family) {
        begin(w, CtnlMessage.EXP_DELETE, Netlink.NLM_F_REQUEST, seq, family);
        return w.endMessage();
    }

    /** Deletes the expectations of one conntrack helper. */
    public static int flushHelper(NetlinkMessageWriter w, int seq, int family, String helper) {
        begin(w, CtnlMessage.EXP_DELETE, Netlink.NLM_F_REQUEST, seq, family);
        w.putString(Cta.Expect.HELP_NAME, helper);
        return w.endMessage();
    }

    /** Per-CPU expectation statistics (a dump; replies come typed 0x0103, see {@link CtnlMessage}). */
    public static int getStatsCpu(NetlinkMessageWriter w, int seq) {
        begin(w, CtnlMessage.EXP_GET_STATS_CPU, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq, Nfnetlink.AF_UNSPEC);
        return w.endMessage();
    }

    /** Every field, id included, as a message of the given type and flags (what dumps and events carry). */
    public static int entry(NetlinkMessageWriter w, int type, int flags, int seq, int pid, Expectation x) {
        w.beginMessage(type, flags, seq, pid).nfgenmsg(x.family(), Nfnetlink.NFNETLINK_V0, 0);
        body(w, x, true);
        return w.endMessage();
    }

    private static void begin(NetlinkMessageWriter w, int type, int flags, int seq, int family) {
        w.beginMessage(type, flags, seq, 0).nfgenmsg(family, Nfnetlink.NFNETLINK_V0, 0);
    }

    private static void body(NetlinkMessageWriter w, Expectation x, boolean withId) {
        if (x.master() != null) {
            ConntrackEncoder.tuple(w, Cta.Expect.MASTER, x.master());
        }
        ConntrackEncoder.tuple(w, Cta.Expect.TUPLE, x.tuple());
        if (x.mask() != null) {
            ConntrackEncoder.tuple(w, Cta.Expect.MASK, x.mask());
        }
        if (x.timeout() != null) {
            w.putBe32(Cta.Expect.TIMEOUT, x.timeout());
        }
        if (withId && x.id() != null) {
            w.putBe32(Cta.Expect.ID, x.id());
        }
        if (x.helper() != null) {
            w.putString(Cta.Expect.HELP_NAME, x.helper());
        }
        if (x.zone() != null) {
            w.putBe16(Cta.Expect.ZONE, x.zone());
        }
        if (x.flags() != null) {
            w.putBe32(Cta.Expect.FLAGS, x.flags());
        }
        if (x.expectClass() != null) {
            w.putBe32(Cta.Expect.CLASS, x.expectClass());
        }
        if (x.nat() != null) {
            int n = w.beginNested(Cta.Expect.NAT);
            w.putBe32(Cta.ExpectNat.DIR, x.nat().direction());
            ConntrackEncoder.tuple(w, Cta.ExpectNat.TUPLE, x.nat().tuple());
            w.endNested(n);
        }
        if (x.function() != null) {
            w.putString(Cta.Expect.FN, x.function());
        }
    }
}
