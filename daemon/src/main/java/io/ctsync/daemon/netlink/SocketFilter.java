package io.ctsync.daemon.netlink;

import java.util.Arrays;

/**
 * A classic BPF program for {@code SO_ATTACH_FILTER}, as parallel arrays of the {@code struct sock_filter}
 * fields; instruction {@code i} is {@code {code[i], jt[i], jf[i], k[i]}}.
 */
public record SocketFilter(short[] code, byte[] jt, byte[] jf, int[] k) {
    public SocketFilter {
        int n = code.length;
        if (n == 0 || n > 4096 || jt.length != n || jf.length != n || k.length != n) {
            throw new IllegalArgumentException("BPF program needs 1..4096 instructions and equal array lengths");
        }
        code = code.clone();
        jt = jt.clone();
        jf = jf.clone();
        k = k.clone();
    }

    public int length() {
        return code.length;
    }

    @Override
    public short[] code() {
        return code.clone();
    }

    @Override
    public byte[] jt() {
        return jt.clone();
    }

    @Override
    public byte[] jf() {
        return jf.clone();
    }

    @Override
    public int[] k() {
        return k.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocketFilter f
                && Arrays.equals(code, f.code)
                && Arrays.equals(jt, f.jt)
                && Arrays.equals(jf, f.jf)
                && Arrays.equals(k, f.k);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(code) + Arrays.hashCode(jt)) + Arrays.hashCode(jf))
                + Arrays.hashCode(k);
    }

    @Override
    public String toString() {
        return "SocketFilter[" + code.length + " instructions]";
    }
}
