package io.ctsync.daemon;

/** Entry point of {@code ctsyncd}. */
public final class CtsyncdMain {
    private CtsyncdMain() {}

    public static void main(String[] args) {
        System.out.println("ctsyncd");
    }
}
