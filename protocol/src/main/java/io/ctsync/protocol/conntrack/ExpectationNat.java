package io.ctsync.protocol.conntrack;

import java.util.Objects;

/**
 * The NAT part of an expectation ({@code CTA_EXPECT_NAT}): which direction is NATed and the tuple
 * the related connection is mapped to.
 *
 * @param direction {@code CTA_EXPECT_NAT_DIR}: 0 original, 1 reply
 * @param tuple {@code CTA_EXPECT_NAT_TUPLE}
 */
public record ExpectationNat(int direction, Tuple tuple) {
    public ExpectationNat {
        Objects.requireNonNull(tuple, "tuple");
    }
}
