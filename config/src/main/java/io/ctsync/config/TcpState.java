package io.ctsync.config;

import java.util.Locale;
import java.util.Optional;

/**
 * TCP connection-tracking states a filter can select, with the kernel's numbers
 * ({@code TCP_CONNTRACK_*}) and conntrackd's spellings ({@code CLOSED} = {@code CLOSE},
 * {@code LISTEN} = {@code SYN_SENT2}).
 */
public enum TcpState {
    SYN_SENT(1),
    SYN_RECV(2),
    ESTABLISHED(3),
    FIN_WAIT(4),
    CLOSE_WAIT(5),
    LAST_ACK(6),
    TIME_WAIT(7),
    CLOSE(8),
    SYN_SENT2(9);

    private final int kernelValue;

    TcpState(int kernelValue) {
        this.kernelValue = kernelValue;
    }

    /** The kernel's {@code TCP_CONNTRACK_*} number. */
    public int kernelValue() {
        return kernelValue;
    }

    /** The state named {@code name} (case-insensitive; also CLOSED and LISTEN), or empty. */
    public static Optional<TcpState> byName(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "CLOSED":
                return Optional.of(CLOSE);
            case "LISTEN":
                return Optional.of(SYN_SENT2);
            default:
                for (TcpState s : values()) {
                    if (s.name().equals(n)) {
                        return Optional.of(s);
                    }
                }
                return Optional.empty();
        }
    }

    /** The state with this kernel number, or empty. */
    public static Optional<TcpState> byKernelValue(int value) {
        for (TcpState s : values()) {
            if (s.kernelValue == value) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
