package io.ctsync.daemon.filter;

import io.ctsync.daemon.netlink.SocketFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable classic BPF program ({@code struct sock_filter[]}: code, jt, jf, k per instruction), checked
 * against the Linux classic-BPF verifier's rules when built, with the opcode constants ctsync uses.
 */
public final class BpfProgram {
    /** Instruction classes. */
    public static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06;
    /** Misc class ({@code TAX}, {@code TXA}). */
    public static final int MISC = 0x07;
    /** Load sizes. */
    public static final int W = 0x00, H = 0x08, B = 0x10;
    /** Load modes. */
    public static final int IMM = 0x00, ABS = 0x20, IND = 0x40, MEM = 0x60, LEN = 0x80, MSH = 0xa0;
    /** ALU operations. */
    public static final int ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60;

    public static final int RSH = 0x70, NEG = 0x80, MOD = 0x90, XOR = 0xa0;
    /** Jump operations. */
    public static final int JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40;
    /** Operand source: the constant {@code k} or the register {@code X}; {@code RET A} uses {@link #A}. */
    public static final int K = 0x00, X = 0x08, A = 0x10;
    /** Misc operations. */
    public static final int TAX = 0x00, TXA = 0x80;

    /** {@code BPF_MAXINSNS}: the kernel's instruction limit. */
    public static final int MAX_INSTRUCTIONS = 4096;
    /** {@code BPF_MEMWORDS}: scratch memory cells {@code M[0..15]}. */
    public static final int MEMORY_WORDS = 16;
    /** {@code SKF_AD_OFF}: ancillary loads are absolute loads at this offset plus an {@code SKF_AD_*} number. */
    public static final int SKF_AD_OFF = -0x1000;
    /** {@code SKF_AD_NLATTR}: A = offset of the attribute of type X found from offset A, or 0. */
    public static final int SKF_AD_NLATTR = 12;
    /** {@code SKF_AD_NLATTR_NEST}: A = offset of the attribute of type X inside the nest at offset A, or 0. */
    public static final int SKF_AD_NLATTR_NEST = 16;
    /** {@code SKF_AD_MAX}: ancillary numbers the kernel knows are below this. */
    public static final int SKF_AD_MAX = 64;

    /** One instruction, {@code struct sock_filter}. */
    public record Instruction(int code, int jt, int jf, int k) {
        public Instruction {
            if (code < 0 || code > 0xffff || jt < 0 || jt > 255 || jf < 0 || jf > 255) {
                throw new IllegalArgumentException("bad instruction " + code + "/" + jt + "/" + jf);
            }
        }

        public int instructionClass() {
            return code & 0x07;
        }

        @Override
        public String toString() {
            return String.format("{ 0x%02x, %3d, %3d, 0x%08x }", code, jt, jf, k);
        }
    }

    private final Instruction[] instructions;

    private BpfProgram(Instruction[] instructions) {
        this.instructions = instructions;
    }

    /**
     * A program of these instructions.
     *
     * @throws IllegalArgumentException if the kernel's classic-BPF checker would reject it
     */
    public static BpfProgram of(List<Instruction> instructions) {
        Instruction[] copy = instructions.toArray(new Instruction[0]);
        String problem = verify(copy);
        if (problem != null) {
            throw new IllegalArgumentException("invalid BPF program: " + problem);
        }
        return new BpfProgram(copy);
    }

    public int size() {
        return instructions.length;
    }

    public Instruction get(int index) {
        return instructions[index];
    }

    public List<Instruction> instructions() {
        return List.of(instructions);
    }

    /** The {@code code} column, as {@code NetlinkSocket.attachFilter} takes it. */
    public short[] codes() {
        short[] out = new short[instructions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) instructions[i].code();
        }
        return out;
    }

    public byte[] jumpsIfTrue() {
        byte[] out = new byte[instructions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) instructions[i].jt();
        }
        return out;
    }

    public byte[] jumpsIfFalse() {
        byte[] out = new byte[instructions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) instructions[i].jf();
        }
        return out;
    }

    public int[] constants() {
        int[] out = new int[instructions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = instructions[i].k();
        }
        return out;
    }

    /** The program as {@code NetlinkSocket.attachFilter} and the event subscriber take it. */
    public SocketFilter toSocketFilter() {
        return new SocketFilter(codes(), jumpsIfTrue(), jumpsIfFalse(), constants());
    }

    /** One instruction per line, {@code tcpdump -dd} style. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Instruction i : instructions) {
            sb.append(i).append('\n');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BpfProgram p && Arrays.equals(instructions, p.instructions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(instructions);
    }

    /**
     * The checks of the kernel's {@code bpf_check_classic()} and {@code check_load_and_stores()}: length,
     * known opcodes, scratch cells in range and written on every path before they are read, no division by
     * a constant zero, jumps inside the program, a return at the end. Null if the program passes.
     */
    static String verify(Instruction[] p) {
        int n = p.length;
        if (n == 0 || n > MAX_INSTRUCTIONS) {
            return "length " + n + " not in 1.." + MAX_INSTRUCTIONS;
        }
        for (int pc = 0; pc < n; pc++) {
            Instruction in = p[pc];
            int code = in.code();
            String what = "instruction " + pc + " " + in;
            switch (code) {
                case LD | W | ABS, LD | H | ABS, LD | B | ABS -> {
                    if (in.k() < 0 && code == (LD | W | ABS)) {
                        int ad = in.k() - SKF_AD_OFF;
                        if (in.k() < SKF_AD_OFF || ad >= SKF_AD_MAX) {
                            return what + ": unsupported negative offset";
                        }
                    } else if (in.k() < 0) {
                        return what + ": unsupported negative offset";
                    }
                }
                case LD | W | IND,
                        LD | H | IND,
                        LD | B | IND,
                        LD | IMM,
                        LDX | IMM,
                        LD | W | LEN,
                        LDX | W | LEN,
                        LDX | B | MSH,
                        MISC | TAX,
                        MISC | TXA,
                        RET | K,
                        RET | A -> {
                    // always fine
                }
                case LD | MEM, LDX | MEM, ST, STX -> {
                    if (Integer.compareUnsigned(in.k(), MEMORY_WORDS) >= 0) {
                        return what + ": scratch cell out of range";
                    }
                }
                case ALU | DIV | K, ALU | MOD | K -> {
                    if (in.k() == 0) {
                        return what + ": division by zero";
                    }
                }
                case ALU | ADD | K,
                        ALU | ADD | X,
                        ALU | SUB | K,
                        ALU | SUB | X,
                        ALU | MUL | K,
                        ALU | MUL | X,
                        ALU | DIV | X,
                        ALU | MOD | X,
                        ALU | AND | K,
                        ALU | AND | X,
                        ALU | OR | K,
                        ALU | OR | X,
                        ALU | XOR | K,
                        ALU | XOR | X,
                        ALU | LSH | K,
                        ALU | LSH | X,
                        ALU | RSH | K,
                        ALU | RSH | X,
                        ALU | NEG -> {
                    // fine
                }
                case JMP | JA -> {
                    if (Integer.compareUnsigned(in.k(), n - pc - 1) >= 0) {
                        return what + ": jump out of the program";
                    }
                }
                case JMP | JEQ | K,
                        JMP | JEQ | X,
                        JMP | JGT | K,
                        JMP | JGT | X,
                        JMP | JGE | K,
                        JMP | JGE | X,
                        JMP | JSET | K,
                        JMP | JSET | X -> {
                    if (pc + in.jt() + 1 >= n || pc + in.jf() + 1 >= n) {
                        return what + ": jump out of the program";
                    }
                }
                default -> {
                    return what + ": unknown opcode";
                }
            }
        }
        if (p[n - 1].instructionClass() != RET) {
            return "the last instruction is not a return";
        }
        return checkMemory(p);
    }

    private static String checkMemory(Instruction[] p) {
        int n = p.length;
        int[] masks = new int[n];
        Arrays.fill(masks, 0xffff);
        int valid = 0;
        for (int pc = 0; pc < n; pc++) {
            valid &= masks[pc];
            Instruction in = p[pc];
            switch (in.code()) {
                case ST, STX -> valid |= 1 << in.k();
                case LD | MEM, LDX | MEM -> {
                    if ((valid & (1 << in.k())) == 0) {
                        return "instruction " + pc + " reads M[" + in.k() + "] before every path wrote it";
                    }
                }
                case JMP | JA -> {
                    masks[pc + 1 + in.k()] &= valid;
                    valid = 0xffff;
                }
                case JMP | JEQ | K,
                        JMP | JEQ | X,
                        JMP | JGT | K,
                        JMP | JGT | X,
                        JMP | JGE | K,
                        JMP | JGE | X,
                        JMP | JSET | K,
                        JMP | JSET | X -> {
                    masks[pc + 1 + in.jt()] &= valid;
                    masks[pc + 1 + in.jf()] &= valid;
                    valid = 0xffff;
                }
                default -> {
                    // no effect on memory validity
                }
            }
        }
        return null;
    }

    /** Collects instructions with forward labels and lays them out, adding long-jump trampolines as needed. */
    public static Builder builder() {
        return new Builder();
    }

    /** A forward jump target; bind it once with {@link Builder#bind}. */
    public static final class Label {
        private final String name;
        private int index = -1;

        private Label(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An assembler for classic BPF with forward labels. Conditional jumps whose target lies more than 255
     * instructions ahead get a {@code JA} trampoline (32-bit offset) right after them.
     */
    public static final class Builder {
        private final List<Pending> code = new ArrayList<>();
        private int labelCount;

        private record Pending(int code, int k, Label jt, Label jf, Label ja) {}

        private Builder() {}

        /** A new, unbound label. */
        public Label label(String name) {
            return new Label(name + "#" + labelCount++);
        }

        /** Binds {@code label} to the next instruction emitted. */
        public Builder bind(Label label) {
            if (label.index >= 0) {
                throw new IllegalStateException("label bound twice: " + label);
            }
            label.index = code.size();
            return this;
        }

        /** Number of logical instructions so far (trampolines not counted). */
        public int size() {
            return code.size();
        }

        /** A non-jump instruction. */
        public Builder op(int opcode, int k) {
            if ((opcode & 0x07) == JMP) {
                throw new IllegalArgumentException("use the jump methods for jumps");
            }
            code.add(new Pending(opcode, k, null, null, null));
            return this;
        }

        public Builder ldImm(int k) {
            return op(LD | IMM, k);
        }

        public Builder ldxImm(int k) {
            return op(LDX | IMM, k);
        }

        /** A = packet word/half/byte at absolute offset {@code k} (big-endian). */
        public Builder ldAbs(int size, int k) {
            return op(LD | size | ABS, k);
        }

        /** A = packet word/half/byte at X + {@code k} (big-endian). */
        public Builder ldInd(int size, int k) {
            return op(LD | size | IND, k);
        }

        /** A = ancillary value {@code SKF_AD_*}. */
        public Builder ldAncillary(int skfAd) {
            return op(LD | W | ABS, SKF_AD_OFF + skfAd);
        }

        public Builder ldMem(int cell) {
            return op(LD | MEM, cell);
        }

        public Builder st(int cell) {
            return op(ST, cell);
        }

        public Builder tax() {
            return op(MISC | TAX, 0);
        }

        public Builder andImm(int k) {
            return op(ALU | AND | K, k);
        }

        public Builder ret(int k) {
            return op(RET | K, k);
        }

        /** Unconditional jump to {@code target}. */
        public Builder ja(Label target) {
            code.add(new Pending(JMP | JA, 0, null, null, target));
            return this;
        }

        /**
         * Conditional jump {@code op} ({@link #JEQ}, {@link #JGT}, {@link #JGE}, {@link #JSET}) against {@code
         * k}; a null label means the next instruction.
         */
        public Builder jump(int op, int k, Label ifTrue, Label ifFalse) {
            code.add(new Pending(JMP | op | K, k, ifTrue, ifFalse, null));
            return this;
        }

        public Builder jeq(int k, Label ifTrue, Label ifFalse) {
            return jump(JEQ, k, ifTrue, ifFalse);
        }

        /**
         * Lays the program out and checks it.
         *
         * @throws IllegalStateException if a label is unbound or points backwards
         * @throws IllegalArgumentException if the result breaks a verifier rule (e.g. over 4096 instructions)
         */
        public BpfProgram build() {
            return BpfProgram.of(layout());
        }

        /**
         * Lays the program out without checking it: computes jump offsets, inserting a {@code JA} trampoline
         * after each conditional jump whose target is beyond 255 instructions, until every jump fits.
         *
         * @throws IllegalStateException if a label is unbound or points backwards
         */
        public List<Instruction> layout() {
            int n = code.size();
            boolean[] farTrue = new boolean[n];
            boolean[] farFalse = new boolean[n];
            int[] pos = new int[n + 1];
            while (true) {
                int p = 0;
                for (int i = 0; i < n; i++) {
                    pos[i] = p;
                    p += 1 + (farTrue[i] ? 1 : 0) + (farFalse[i] ? 1 : 0);
                }
                pos[n] = p;
                boolean changed = false;
                for (int i = 0; i < n; i++) {
                    Pending in = code.get(i);
                    if ((in.code() & 0x07) != JMP || in.ja() != null) {
                        continue;
                    }
                    if (!farTrue[i] && target(in.jt(), i, pos) - (pos[i] + 1) > 255) {
                        farTrue[i] = true;
                        changed = true;
                    }
                    if (!farFalse[i] && target(in.jf(), i, pos) - (pos[i] + 1) > 255) {
                        farFalse[i] = true;
                        changed = true;
                    }
                }
                if (!changed) {
                    break;
                }
            }
            List<Instruction> out = new ArrayList<>(pos[n]);
            for (int i = 0; i < n; i++) {
                Pending in = code.get(i);
                if (in.ja() != null) {
                    int d = target(in.ja(), i, pos) - (pos[i] + 1);
                    out.add(new Instruction(JMP | JA, 0, 0, d));
                } else if ((in.code() & 0x07) == JMP) {
                    int next = pos[i] + 1;
                    int trampolineTrue = next;
                    int trampolineFalse = next + (farTrue[i] ? 1 : 0);
                    int t = farTrue[i] ? trampolineTrue : target(in.jt(), i, pos);
                    int f = farFalse[i] ? trampolineFalse : target(in.jf(), i, pos);
                    out.add(new Instruction(in.code(), t - next, f - next, in.k()));
                    if (farTrue[i]) {
                        out.add(new Instruction(JMP | JA, 0, 0, target(in.jt(), i, pos) - (trampolineTrue + 1)));
                    }
                    if (farFalse[i]) {
                        out.add(new Instruction(JMP | JA, 0, 0, target(in.jf(), i, pos) - (trampolineFalse + 1)));
                    }
                } else {
                    out.add(new Instruction(in.code(), 0, 0, in.k()));
                }
            }
            return out;
        }

        /** The laid-out position of a jump target; null = the next logical instruction. */
        private int target(Label label, int from, int[] pos) {
            if (label == null) {
                return pos[from + 1];
            }
            if (label.index < 0) {
                throw new IllegalStateException("unbound label " + label);
            }
            if (label.index <= from) {
                throw new IllegalStateException("backward jump to " + label);
            }
            if (label.index >= code.size()) {
                throw new IllegalStateException("label " + label + " bound past the last instruction");
            }
            return pos[label.index];
        }
    }
}
