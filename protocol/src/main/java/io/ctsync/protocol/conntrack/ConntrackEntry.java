package io.ctsync.protocol.conntrack;

import java.util.Objects;

/**
 * One conntrack entry as ctnetlink carries it, immutable with value equality. Only the original
 * tuple is mandatory. Object-valued parts are null when absent; integer parts have a {@code has*}
 * test and read 0 when absent. Counters, timestamps, use, secctx and secmark are read-only
 * (kernel output); NAT ranges and masks are request-only. Built with {@link #builder()}.
 */
public final class ConntrackEntry {
    private static final int P_STATUS = 1;
    private static final int P_TIMEOUT = 1 << 1;
    private static final int P_MARK = 1 << 2;
    private static final int P_MARK_MASK = 1 << 3;
    private static final int P_ZONE = 1 << 4;
    private static final int P_ID = 1 << 5;
    private static final int P_USE = 1 << 6;
    private static final int P_SECMARK = 1 << 7;
    private static final int P_EVENT_TS = 1 << 8;

    private final Tuple original;
    private final Tuple reply;
    private final Tuple master;
    private final int present;
    private final int status;
    private final int timeout;
    private final int mark;
    private final int markMask;
    private final int zone;
    private final int id;
    private final int use;
    private final int secmark;
    private final long eventTimestamp;
    private final Labels labels;
    private final Labels labelsMask;
    private final TcpInfo tcp;
    private final SctpInfo sctp;
    private final DccpInfo dccp;
    private final NatRange natSource;
    private final NatRange natDestination;
    private final SeqAdj seqAdjOriginal;
    private final SeqAdj seqAdjReply;
    private final String helper;
    private final Counters countersOriginal;
    private final Counters countersReply;
    private final Timestamp timestamp;
    private final String secctx;
    private final Synproxy synproxy;

    private ConntrackEntry(Builder b) {
        this.original = Objects.requireNonNull(b.original, "original tuple");
        this.reply = b.reply;
        this.master = b.master;
        this.present = b.present;
        this.status = b.status;
        this.timeout = b.timeout;
        this.mark = b.mark;
        this.markMask = b.markMask;
        this.zone = b.zone;
        this.id = b.id;
        this.use = b.use;
        this.secmark = b.secmark;
        this.eventTimestamp = b.eventTimestamp;
        this.labels = b.labels;
        this.labelsMask = b.labelsMask;
        this.tcp = b.tcp;
        this.sctp = b.sctp;
        this.dccp = b.dccp;
        this.natSource = b.natSource;
        this.natDestination = b.natDestination;
        this.seqAdjOriginal = b.seqAdjOriginal;
        this.seqAdjReply = b.seqAdjReply;
        this.helper = b.helper;
        this.countersOriginal = b.countersOriginal;
        this.countersReply = b.countersReply;
        this.timestamp = b.timestamp;
        this.secctx = b.secctx;
        this.synproxy = b.synproxy;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().from(this);
    }

    /** Original tuple plus zone: the cache key. */
    public ConntrackKey key() {
        return new ConntrackKey(original, zone);
    }

    /** {@link IpAddress#AF_INET} or {@link IpAddress#AF_INET6}, from the original tuple. */
    public int family() {
        return original.family();
    }

    public int protocol() {
        return original.protocol();
    }

    public Tuple original() {
        return original;
    }

    public Tuple reply() {
        return reply;
    }

    public Tuple master() {
        return master;
    }

    public boolean hasStatus() {
        return (present & P_STATUS) != 0;
    }

    /** {@code IPS_*} bits, see {@link ConntrackStatus}. */
    public int status() {
        return status;
    }

    public boolean hasTimeout() {
        return (present & P_TIMEOUT) != 0;
    }

    /** Seconds left (u32). */
    public int timeout() {
        return timeout;
    }

    public boolean hasMark() {
        return (present & P_MARK) != 0;
    }

    public int mark() {
        return mark;
    }

    public boolean hasMarkMask() {
        return (present & P_MARK_MASK) != 0;
    }

    /** Request-only: update = (old & ~mask) ^ mark; dump filter = (mark & mask) == value. */
    public int markMask() {
        return markMask;
    }

    public boolean hasZone() {
        return (present & P_ZONE) != 0;
    }

    /** Entry zone (u16); 0, the default zone, when absent. */
    public int zone() {
        return zone;
    }

    public boolean hasId() {
        return (present & P_ID) != 0;
    }

    /** Kernel object id (u32); recycled, never a key. */
    public int id() {
        return id;
    }

    public boolean hasUse() {
        return (present & P_USE) != 0;
    }

    public int use() {
        return use;
    }

    public boolean hasSecmark() {
        return (present & P_SECMARK) != 0;
    }

    public int secmark() {
        return secmark;
    }

    public boolean hasEventTimestamp() {
        return (present & P_EVENT_TS) != 0;
    }

    /** {@code CTA_TIMESTAMP_EVENT}: nanoseconds, kernel output of 6.x kernels. */
    public long eventTimestamp() {
        return eventTimestamp;
    }

    public Labels labels() {
        return labels;
    }

    public Labels labelsMask() {
        return labelsMask;
    }

    public TcpInfo tcp() {
        return tcp;
    }

    public SctpInfo sctp() {
        return sctp;
    }

    public DccpInfo dccp() {
        return dccp;
    }

    public NatRange natSource() {
        return natSource;
    }

    public NatRange natDestination() {
        return natDestination;
    }

    public SeqAdj seqAdjOriginal() {
        return seqAdjOriginal;
    }

    public SeqAdj seqAdjReply() {
        return seqAdjReply;
    }

    /** Conntrack helper name ({@code CTA_HELP_NAME}). */
    public String helper() {
        return helper;
    }

    public Counters countersOriginal() {
        return countersOriginal;
    }

    public Counters countersReply() {
        return countersReply;
    }

    public Timestamp timestamp() {
        return timestamp;
    }

    /** Security context name ({@code CTA_SECCTX}). */
    public String secctx() {
        return secctx;
    }

    public Synproxy synproxy() {
        return synproxy;
    }

    public boolean hasStatusBits(int bits) {
        return (status & bits) == bits;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConntrackEntry)) {
            return false;
        }
        ConntrackEntry e = (ConntrackEntry) o;
        return present == e.present
                && status == e.status
                && timeout == e.timeout
                && mark == e.mark
                && markMask == e.markMask
                && zone == e.zone
                && id == e.id
                && use == e.use
                && secmark == e.secmark
                && eventTimestamp == e.eventTimestamp
                && original.equals(e.original)
                && Objects.equals(reply, e.reply)
                && Objects.equals(master, e.master)
                && Objects.equals(labels, e.labels)
                && Objects.equals(labelsMask, e.labelsMask)
                && Objects.equals(tcp, e.tcp)
                && Objects.equals(sctp, e.sctp)
                && Objects.equals(dccp, e.dccp)
                && Objects.equals(natSource, e.natSource)
                && Objects.equals(natDestination, e.natDestination)
                && Objects.equals(seqAdjOriginal, e.seqAdjOriginal)
                && Objects.equals(seqAdjReply, e.seqAdjReply)
                && Objects.equals(helper, e.helper)
                && Objects.equals(countersOriginal, e.countersOriginal)
                && Objects.equals(countersReply, e.countersReply)
                && Objects.equals(timestamp, e.timestamp)
                && Objects.equals(secctx, e.secctx)
                && Objects.equals(synproxy, e.synproxy);
    }

    @Override
    public int hashCode() {
        int h = original.hashCode();
        h = 31 * h + Objects.hashCode(reply);
        h = 31 * h + status;
        h = 31 * h + mark;
        h = 31 * h + zone;
        h = 31 * h + id;
        h = 31 * h + timeout;
        h = 31 * h + Objects.hashCode(tcp);
        return h;
    }

    /** Roughly {@code conntrack -L -o extended} order; for logs and test failures. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(200);
        sb.append(original.isV6() ? "ipv6" : "ipv4")
                .append(' ')
                .append(IpProtocol.nameOf(original.protocol()))
                .append(' ')
                .append(original.protocol());
        if (hasTimeout()) {
            sb.append(' ').append(Integer.toUnsignedString(timeout));
        }
        if (tcp != null) {
            sb.append(' ').append(tcp.state());
        } else if (sctp != null) {
            sb.append(' ').append(sctp.state());
        } else if (dccp != null) {
            sb.append(' ').append(dccp.state());
        }
        sb.append(' ').append(original);
        if (countersOriginal != null) {
            sb.append(" packets=")
                    .append(countersOriginal.packets())
                    .append(" bytes=")
                    .append(countersOriginal.bytes());
        }
        if (reply != null) {
            sb.append(' ').append(reply);
        }
        if (countersReply != null) {
            sb.append(" packets=")
                    .append(countersReply.packets())
                    .append(" bytes=")
                    .append(countersReply.bytes());
        }
        if (hasStatus()) {
            sb.append(" status=").append(ConntrackStatus.toString(status));
        }
        if (hasMark()) {
            sb.append(" mark=").append(Integer.toUnsignedString(mark));
        }
        if (hasMarkMask()) {
            sb.append("/0x").append(Integer.toHexString(markMask));
        }
        if (hasZone()) {
            sb.append(" zone=").append(zone);
        }
        if (labels != null) {
            sb.append(" labels=").append(labels);
        }
        if (helper != null) {
            sb.append(" helper=").append(helper);
        }
        if (master != null) {
            sb.append(" master=[").append(master).append(']');
        }
        if (natSource != null) {
            sb.append(" snat=").append(natSource);
        }
        if (natDestination != null) {
            sb.append(" dnat=").append(natDestination);
        }
        if (hasId()) {
            sb.append(" id=").append(Integer.toUnsignedString(id));
        }
        if (hasUse()) {
            sb.append(" use=").append(use);
        }
        return sb.toString();
    }

    /** Mutable builder; reusable after {@link #reset()}. Not thread-safe. */
    public static final class Builder {
        private Tuple original;
        private Tuple reply;
        private Tuple master;
        private int present;
        private int status;
        private int timeout;
        private int mark;
        private int markMask;
        private int zone;
        private int id;
        private int use;
        private int secmark;
        private long eventTimestamp;
        private Labels labels;
        private Labels labelsMask;
        private TcpInfo tcp;
        private SctpInfo sctp;
        private DccpInfo dccp;
        private NatRange natSource;
        private NatRange natDestination;
        private SeqAdj seqAdjOriginal;
        private SeqAdj seqAdjReply;
        private String helper;
        private Counters countersOriginal;
        private Counters countersReply;
        private Timestamp timestamp;
        private String secctx;
        private Synproxy synproxy;

        private Builder() {}

        public ConntrackEntry build() {
            return new ConntrackEntry(this);
        }

        /** Clears every field. */
        public Builder reset() {
            original = null;
            reply = null;
            master = null;
            present = 0;
            status = 0;
            timeout = 0;
            mark = 0;
            markMask = 0;
            zone = 0;
            id = 0;
            use = 0;
            secmark = 0;
            eventTimestamp = 0;
            labels = null;
            labelsMask = null;
            tcp = null;
            sctp = null;
            dccp = null;
            natSource = null;
            natDestination = null;
            seqAdjOriginal = null;
            seqAdjReply = null;
            helper = null;
            countersOriginal = null;
            countersReply = null;
            timestamp = null;
            secctx = null;
            synproxy = null;
            return this;
        }

        /** Copies every field of {@code e}. */
        public Builder from(ConntrackEntry e) {
            original = e.original;
            reply = e.reply;
            master = e.master;
            present = e.present;
            status = e.status;
            timeout = e.timeout;
            mark = e.mark;
            markMask = e.markMask;
            zone = e.zone;
            id = e.id;
            use = e.use;
            secmark = e.secmark;
            eventTimestamp = e.eventTimestamp;
            labels = e.labels;
            labelsMask = e.labelsMask;
            tcp = e.tcp;
            sctp = e.sctp;
            dccp = e.dccp;
            natSource = e.natSource;
            natDestination = e.natDestination;
            seqAdjOriginal = e.seqAdjOriginal;
            seqAdjReply = e.seqAdjReply;
            helper = e.helper;
            countersOriginal = e.countersOriginal;
            countersReply = e.countersReply;
            timestamp = e.timestamp;
            secctx = e.secctx;
            synproxy = e.synproxy;
            return this;
        }

        public Tuple original() {
            return original;
        }

        public Tuple reply() {
            return reply;
        }

        public Builder original(Tuple t) {
            original = t;
            return this;
        }

        public Builder reply(Tuple t) {
            reply = t;
            return this;
        }

        public Builder master(Tuple t) {
            master = t;
            return this;
        }

        public Builder status(int v) {
            status = v;
            present |= P_STATUS;
            return this;
        }

        public Builder clearStatus() {
            status = 0;
            present &= ~P_STATUS;
            return this;
        }

        public Builder timeout(int seconds) {
            timeout = seconds;
            present |= P_TIMEOUT;
            return this;
        }

        public Builder clearTimeout() {
            timeout = 0;
            present &= ~P_TIMEOUT;
            return this;
        }

        public Builder mark(int v) {
            mark = v;
            present |= P_MARK;
            return this;
        }

        public Builder clearMark() {
            mark = 0;
            present &= ~P_MARK;
            return this;
        }

        public Builder markMask(int v) {
            markMask = v;
            present |= P_MARK_MASK;
            return this;
        }

        public Builder clearMarkMask() {
            markMask = 0;
            present &= ~P_MARK_MASK;
            return this;
        }

        public Builder zone(int v) {
            if ((v & ~0xffff) != 0) {
                throw new IllegalArgumentException("zone out of u16 range: " + v);
            }
            zone = v;
            present |= P_ZONE;
            return this;
        }

        public Builder clearZone() {
            zone = 0;
            present &= ~P_ZONE;
            return this;
        }

        public Builder id(int v) {
            id = v;
            present |= P_ID;
            return this;
        }

        public Builder clearId() {
            id = 0;
            present &= ~P_ID;
            return this;
        }

        public Builder use(int v) {
            use = v;
            present |= P_USE;
            return this;
        }

        public Builder clearUse() {
            use = 0;
            present &= ~P_USE;
            return this;
        }

        public Builder secmark(int v) {
            secmark = v;
            present |= P_SECMARK;
            return this;
        }

        public Builder clearSecmark() {
            secmark = 0;
            present &= ~P_SECMARK;
            return this;
        }

        public Builder eventTimestamp(long nanos) {
            eventTimestamp = nanos;
            present |= P_EVENT_TS;
            return this;
        }

        public Builder clearEventTimestamp() {
            eventTimestamp = 0;
            present &= ~P_EVENT_TS;
            return this;
        }

        public Builder labels(Labels v) {
            labels = v;
            return this;
        }

        public Builder labelsMask(Labels v) {
            labelsMask = v;
            return this;
        }

        /** Sets TCP protocol info and clears SCTP/DCCP info (an entry has at most one). */
        public Builder tcp(TcpInfo v) {
            tcp = v;
            if (v != null) {
                sctp = null;
                dccp = null;
            }
            return this;
        }

        public Builder sctp(SctpInfo v) {
            sctp = v;
            if (v != null) {
                tcp = null;
                dccp = null;
            }
            return this;
        }

        public Builder dccp(DccpInfo v) {
            dccp = v;
            if (v != null) {
                tcp = null;
                sctp = null;
            }
            return this;
        }

        public Builder natSource(NatRange v) {
            natSource = v;
            return this;
        }

        public Builder natDestination(NatRange v) {
            natDestination = v;
            return this;
        }

        public Builder seqAdjOriginal(SeqAdj v) {
            seqAdjOriginal = v;
            return this;
        }

        public Builder seqAdjReply(SeqAdj v) {
            seqAdjReply = v;
            return this;
        }

        public Builder helper(String name) {
            helper = name;
            return this;
        }

        public Builder countersOriginal(Counters v) {
            countersOriginal = v;
            return this;
        }

        public Builder countersReply(Counters v) {
            countersReply = v;
            return this;
        }

        public Builder timestamp(Timestamp v) {
            timestamp = v;
            return this;
        }

        public Builder secctx(String v) {
            secctx = v;
            return this;
        }

        public Builder synproxy(Synproxy v) {
            synproxy = v;
            return this;
        }
    }
}
