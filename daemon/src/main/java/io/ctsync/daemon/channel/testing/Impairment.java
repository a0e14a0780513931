package io.ctsync.daemon.channel.testing;

/**
 * What an in-memory wire does to the payloads it carries, deterministically from {@code seed}.
 *
 * @param loss probability that a payload is dropped
 * @param reorder probability that a payload overtakes, or is overtaken by, payloads sent near it
 * @param duplicate probability that a payload is delivered twice
 * @param maxDisplacement how many earlier payloads a reordered one may overtake (at least 1)
 * @param seed seed of the wire's random decisions
 */
public record Impairment(double loss, double reorder, double duplicate, int maxDisplacement, long seed) {

    public Impairment {
        check("loss", loss);
        check("reorder", reorder);
        check("duplicate", duplicate);
        if (maxDisplacement < 1) {
            throw new IllegalArgumentException("maxDisplacement must be at least 1");
        }
    }

    /** A perfect wire. */
    public static Impairment none() {
        return new Impairment(0, 0, 0, 1, 0);
    }

    /** Loss, reordering (by up to 8 places) and duplication with a seed. */
    public static Impairment of(double loss, double reorder, double duplicate, long seed) {
        return new Impairment(loss, reorder, duplicate, 8, seed);
    }

    public boolean isPerfect() {
        return loss == 0 && reorder == 0 && duplicate == 0;
    }

    private static void check(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in [0, 1], got " + p);
        }
    }
}
