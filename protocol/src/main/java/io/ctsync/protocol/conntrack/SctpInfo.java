package io.ctsync.protocol.conntrack;

import java.util.Objects;

/**
 * SCTP protocol info ({@code CTA_PROTOINFO_SCTP}): state and the verification tags of both
 * directions.
 *
 * @param state the SCTP conntrack state
 * @param vtagOriginal original-direction verification tag (u32, as a Java int)
 * @param vtagReply reply-direction verification tag
 */
public record SctpInfo(SctpState state, int vtagOriginal, int vtagReply) {
    public SctpInfo {
        Objects.requireNonNull(state, "state");
    }
}
