package io.ctsync.protocol.sync;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Per-peer choices of the sync codec, immutable. {@link #DEFAULT} talks to conntrackd 1.4.7 or
 * later on a little-endian host (x86-64, arm64) with {@code TCPWindowTracking off} and no {@code
 * CommitTimeout}; the switches cover big-endian and older peers (compat §3.8, §3.9), whose
 * versions the protocol cannot discover.
 *
 * @param natPortOrder byte order of {@code NTA_SPAT_PORT}, {@code NTA_DPAT_PORT} and {@code
 *     NTA_ICMP_ID}, which travel in the sender's host order: little-endian for x86-64/arm64
 *     conntrackd peers (default), big-endian for big-endian ones
 * @param legacyNatAddressOrder byte-reverse {@code NTA_SNAT_IPV4} / {@code NTA_DNAT_IPV4} both ways,
 *     as little-endian conntrackd 1.4.6 and older put them on the wire
 * @param sendTimeout send {@code NTA_TIMEOUT} / {@code NTA_EXP_TIMEOUT}; false when this node has a
 *     {@code CommitTimeout}, as conntrackd does
 * @param tcpWindowTracking send the TCP window scale factors ({@code TCPWindowTracking on})
 * @param sendSynproxy send {@code NTA_SYNPROXY} (31), unknown to conntrackd 1.4.4 and older, which
 *     drop the whole message
 * @param sendZone send {@code NTA_ZONE} (32), unknown to conntrackd 1.4.6 and older
 * @param maxHelperNameLength longest helper name sent; a longer one is left out of the message and
 *     counted as {@link SyncDropReason#HELPER_NAME_TOO_LONG}. conntrackd receivers accept 11
 *     characters ({@code nta_len} ≤ 16), the default; up to 15 (the kernel's limit) for ctsync peers
 * @param rejectUnknownAttributes drop a received message with an attribute id this codec does not
 *     know, as conntrackd does (default); false skips such attributes and counts {@link
 *     SyncDropReason#UNKNOWN_ATTRIBUTE_SKIPPED} (compat §12 row 10)
 */
public record SyncCodecOptions(
        ByteOrder natPortOrder,
        boolean legacyNatAddressOrder,
        boolean sendTimeout,
        boolean tcpWindowTracking,
        boolean sendSynproxy,
        boolean sendZone,
        int maxHelperNameLength,
        boolean rejectUnknownAttributes) {

    /** Longest helper name a conntrackd receiver accepts ({@code nta_len} ≤ 16 with the NUL). */
    public static final int CONNTRACKD_HELPER_NAME_MAX = 11;
    /** Longest conntrack helper name the kernel has ({@code NF_CT_HELPER_NAME_LEN} − 1). */
    public static final int KERNEL_HELPER_NAME_MAX = 15;

    public static final SyncCodecOptions DEFAULT = builder().build();

    public SyncCodecOptions {
        Objects.requireNonNull(natPortOrder, "natPortOrder");
        if (maxHelperNameLength < 1 || maxHelperNameLength > KERNEL_HELPER_NAME_MAX) {
            throw new IllegalArgumentException(
                    "maxHelperNameLength must be 1.." + KERNEL_HELPER_NAME_MAX + ", got " + maxHelperNameLength);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .natPortOrder(natPortOrder)
                .legacyNatAddressOrder(legacyNatAddressOrder)
                .sendTimeout(sendTimeout)
                .tcpWindowTracking(tcpWindowTracking)
                .sendSynproxy(sendSynproxy)
                .sendZone(sendZone)
                .maxHelperNameLength(maxHelperNameLength)
                .rejectUnknownAttributes(rejectUnknownAttributes);
    }

    /**
     * Options for a conntrackd peer of version {@code 1.4.patch}: no zone before 1.4.7, IPv4 NAT
     * addresses byte-reversed before 1.4.7 (little-endian peers only), no synproxy before 1.4.5.
     * Other options as in {@code base}. Peers before 1.4.4 cannot take IPv6 NAT attributes at all.
     */
    public static SyncCodecOptions forConntrackd14(int patch, SyncCodecOptions base) {
        return base.toBuilder()
                .sendZone(patch >= 7)
                .legacyNatAddressOrder(patch < 7 && base.natPortOrder() == ByteOrder.LITTLE_ENDIAN)
                .sendSynproxy(patch >= 5)
                .build();
    }

    /** Mutable builder, starting from the defaults. */
    public static final class Builder {
        private ByteOrder natPortOrder = ByteOrder.LITTLE_ENDIAN;
        private boolean legacyNatAddressOrder;
        private boolean sendTimeout = true;
        private boolean tcpWindowTracking;
        private boolean sendSynproxy = true;
        private boolean sendZone = true;
        private int maxHelperNameLength = CONNTRACKD_HELPER_NAME_MAX;
        private boolean rejectUnknownAttributes = true;

        private Builder() {}

        public Builder natPortOrder(ByteOrder v) {
            natPortOrder = v;
            return this;
        }

        public Builder legacyNatAddressOrder(boolean v) {
            legacyNatAddressOrder = v;
            return this;
        }

        public Builder sendTimeout(boolean v) {
            sendTimeout = v;
            return this;
        }

        public Builder tcpWindowTracking(boolean v) {
            tcpWindowTracking = v;
            return this;
        }

        public Builder sendSynproxy(boolean v) {
            sendSynproxy = v;
            return this;
        }

        public Builder sendZone(boolean v) {
            sendZone = v;
            return this;
        }

        public Builder maxHelperNameLength(int v) {
            maxHelperNameLength = v;
            return this;
        }

        public Builder rejectUnknownAttributes(boolean v) {
            rejectUnknownAttributes = v;
            return this;
        }

        public SyncCodecOptions build() {
            return new SyncCodecOptions(
                    natPortOrder,
                    legacyNatAddressOrder,
                    sendTimeout,
                    tcpWindowTracking,
                    sendSynproxy,
                    sendZone,
                    maxHelperNameLength,
                    rejectUnknownAttributes);
        }
    }
}
