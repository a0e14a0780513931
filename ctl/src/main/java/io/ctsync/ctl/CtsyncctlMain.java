package io.ctsync.ctl;

/** Entry point of {@code ctsyncctl}. */
public final class CtsyncctlMain {
    private CtsyncctlMain() {}

    public static void main(String[] args) {
        System.out.println("ctsyncctl");
    }
}
