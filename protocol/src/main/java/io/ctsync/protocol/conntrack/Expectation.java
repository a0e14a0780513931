package io.ctsync.protocol.conntrack;

import java.util.Objects;

/**
 * A conntrack expectation (the table a conntrack helper fills with the related connections it
 * anticipates), as {@code CTA_EXPECT_*} carries it. Optional parts are null. Expectations are rare,
 * so boxed values are fine here.
 *
 * @param master tuple of the master connection ({@code CTA_EXPECT_MASTER})
 * @param tuple the expected tuple ({@code CTA_EXPECT_TUPLE})
 * @param mask which bits of {@code tuple} must match ({@code CTA_EXPECT_MASK})
 * @param timeout seconds left, or null
 * @param id kernel object id, or null
 * @param helper conntrack helper name, or null
 * @param zone zone, or null
 * @param flags {@link #FLAG_PERMANENT}, {@link #FLAG_INACTIVE}, {@link #FLAG_USERSPACE}, or null
 * @param expectClass helper-specific class, or null
 * @param nat NAT part, or null
 * @param function name of the helper callback ({@code CTA_EXPECT_FN}), or null
 */
public record Expectation(
        Tuple master,
        Tuple tuple,
        Tuple mask,
        Integer timeout,
        Integer id,
        String helper,
        Integer zone,
        Integer flags,
        Integer expectClass,
        ExpectationNat nat,
        String function) {
    public static final int FLAG_PERMANENT = 0x1;
    public static final int FLAG_INACTIVE = 0x2;
    public static final int FLAG_USERSPACE = 0x4;

    public Expectation {
        Objects.requireNonNull(tuple, "tuple");
    }

    public int family() {
        return tuple.family();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.master = master;
        b.tuple = tuple;
        b.mask = mask;
        b.timeout = timeout;
        b.id = id;
        b.helper = helper;
        b.zone = zone;
        b.flags = flags;
        b.expectClass = expectClass;
        b.nat = nat;
        b.function = function;
        return b;
    }

    /** Mutable builder for {@link Expectation}. */
    public static final class Builder {
        private Tuple master;
        private Tuple tuple;
        private Tuple mask;
        private Integer timeout;
        private Integer id;
        private String helper;
        private Integer zone;
        private Integer flags;
        private Integer expectClass;
        private ExpectationNat nat;
        private String function;

        private Builder() {}

        public Expectation build() {
            return new Expectation(master, tuple, mask, timeout, id, helper, zone, flags, expectClass, nat, function);
        }

        public Builder master(Tuple v) {
            master = v;
            return this;
        }

        public Builder tuple(Tuple v) {
            tuple = v;
            return this;
        }

        public Builder mask(Tuple v) {
            mask = v;
            return this;
        }

        public Builder timeout(Integer v) {
            timeout = v;
            return this;
        }

        public Builder id(Integer v) {
            id = v;
            return this;
        }

        public Builder helper(String v) {
            helper = v;
            return this;
        }

        public Builder zone(Integer v) {
            zone = v;
            return this;
        }

        public Builder flags(Integer v) {
            flags = v;
            return this;
        }

        public Builder expectClass(Integer v) {
            expectClass = v;
            return this;
        }

        public Builder nat(ExpectationNat v) {
            nat = v;
            return this;
        }

        public Builder function(String v) {
            function = v;
            return this;
        }
    }
}
