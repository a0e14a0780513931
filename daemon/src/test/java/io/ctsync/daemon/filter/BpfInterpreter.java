package io.ctsync.daemon.filter;

import static io.ctsync.daemon.filter.BpfProgram.*;

import io.ctsync.daemon.filter.BpfProgram.Instruction;
import java.nio.ByteOrder;

/**
 * Runs a classic BPF socket filter over one datagram the way the kernel does, including the netlink
 * ancillary loads {@code SKF_AD_NLATTR} and {@code SKF_AD_NLATTR_NEST}, so filters can be tested without
 * root. Packet loads are big-endian; attribute headers are read in the given host order.
 */
final class BpfInterpreter {
    private BpfInterpreter() {}

    /** The program's return value for {@code packet}: 0 drops, otherwise the number of bytes kept. */
    static int run(BpfProgram program, byte[] packet, ByteOrder hostOrder) {
        int a = 0;
        int x = 0;
        int[] mem = new int[MEMORY_WORDS];
        int len = packet.length;
        int pc = 0;
        while (true) {
            Instruction in = program.get(pc++);
            int k = in.k();
            switch (in.code()) {
                case LD | W | ABS -> {
                    if (k < 0) {
                        int ad = k - SKF_AD_OFF;
                        if (ad == SKF_AD_NLATTR) {
                            a = nlattr(packet, a, x, hostOrder);
                        } else if (ad == SKF_AD_NLATTR_NEST) {
                            a = nlattrNest(packet, a, x, hostOrder);
                        } else {
                            throw new UnsupportedOperationException("ancillary load " + ad);
                        }
                    } else {
                        if (!fits(k, 4, len)) {
                            return 0;
                        }
                        a = be32(packet, k);
                    }
                }
                case LD | H | ABS, LD | B | ABS, LD | W | IND, LD | H | IND, LD | B | IND -> {
                    int size = (in.code() & 0x18) == H ? 2 : (in.code() & 0x18) == B ? 1 : 4;
                    long off = (in.code() & 0xe0) == IND ? (x & 0xffffffffL) + k : k;
                    if (off < 0 || off > Integer.MAX_VALUE || !fits((int) off, size, len)) {
                        return 0;
                    }
                    int o = (int) off;
                    a = size == 4
                            ? be32(packet, o)
                            : size == 2 ? (packet[o] & 0xff) << 8 | (packet[o + 1] & 0xff) : packet[o] & 0xff;
                }
                case LD | IMM -> a = k;
                case LDX | IMM -> x = k;
                case LD | W | LEN -> a = len;
                case LDX | W | LEN -> x = len;
                case LDX | B | MSH -> {
                    if (!fits(k, 1, len)) {
                        return 0;
                    }
                    x = 4 * (packet[k] & 0xf);
                }
                case LD | MEM -> a = mem[k];
                case LDX | MEM -> x = mem[k];
                case ST -> mem[k] = a;
                case STX -> mem[k] = x;
                case MISC | TAX -> x = a;
                case MISC | TXA -> a = x;
                case RET | K -> {
                    return k;
                }
                case RET | A -> {
                    return a;
                }
                case JMP | JA -> pc += k;
                default -> {
                    int cls = in.instructionClass();
                    int operand = (in.code() & X) != 0 ? x : k;
                    if (cls == ALU) {
                        Integer r = alu(in.code() & 0xf0, a, operand);
                        if (r == null) {
                            return 0;
                        }
                        a = r;
                    } else if (cls == JMP) {
                        pc += jump(in.code() & 0xf0, a, operand) ? in.jt() : in.jf();
                    } else {
                        throw new UnsupportedOperationException("opcode " + in);
                    }
                }
            }
        }
    }

    private static Integer alu(int op, int a, int v) {
        return switch (op) {
            case ADD -> a + v;
            case SUB -> a - v;
            case MUL -> a * v;
            case DIV -> v == 0 ? null : Integer.divideUnsigned(a, v);
            case MOD -> v == 0 ? null : Integer.remainderUnsigned(a, v);
            case AND -> a & v;
            case OR -> a | v;
            case XOR -> a ^ v;
            case LSH -> Integer.compareUnsigned(v, 32) >= 0 ? 0 : a << v;
            case RSH -> Integer.compareUnsigned(v, 32) >= 0 ? 0 : a >>> v;
            case NEG -> -a;
            default -> throw new UnsupportedOperationException("ALU op " + op);
        };
    }

    private static boolean jump(int op, int a, int v) {
        return switch (op) {
            case JEQ -> a == v;
            case JGT -> Integer.compareUnsigned(a, v) > 0;
            case JGE -> Integer.compareUnsigned(a, v) >= 0;
            case JSET -> (a & v) != 0;
            default -> throw new UnsupportedOperationException("jump op " + op);
        };
    }

    private static boolean fits(int offset, int size, int len) {
        return offset >= 0 && offset <= len - size;
    }

    private static int be32(byte[] p, int o) {
        return (p[o] & 0xff) << 24 | (p[o + 1] & 0xff) << 16 | (p[o + 2] & 0xff) << 8 | (p[o + 3] & 0xff);
    }

    private static int u16(byte[] p, int o, ByteOrder order) {
        return order == ByteOrder.LITTLE_ENDIAN
                ? (p[o] & 0xff) | (p[o + 1] & 0xff) << 8
                : (p[o] & 0xff) << 8 | (p[o + 1] & 0xff);
    }

    /** {@code SKF_AD_NLATTR}: search the attributes from offset {@code a} to the end of the datagram. */
    private static int nlattr(byte[] p, int a, int type, ByteOrder order) {
        int len = p.length;
        if (len < 4 || Integer.compareUnsigned(a, len - 4) > 0) {
            return 0;
        }
        return find(p, a, len - a, type, order);
    }

    /** {@code SKF_AD_NLATTR_NEST}: search the payload of the attribute at offset {@code a}. */
    private static int nlattrNest(byte[] p, int a, int type, ByteOrder order) {
        int len = p.length;
        if (len < 4 || Integer.compareUnsigned(a, len - 4) > 0) {
            return 0;
        }
        int nlaLen = u16(p, a, order);
        if (nlaLen > len - a) {
            return 0;
        }
        return find(p, a + 4, nlaLen - 4, type, order);
    }

    /** The kernel's {@code nla_find}: first well-formed attribute of {@code type} (flags masked), or 0. */
    private static int find(byte[] p, int off, int remaining, int type, ByteOrder order) {
        while (remaining >= 4) {
            int nlaLen = u16(p, off, order);
            if (nlaLen < 4 || nlaLen > remaining) {
                return 0;
            }
            if ((u16(p, off + 2, order) & 0x3fff) == type) {
                return off;
            }
            int step = (nlaLen + 3) & ~3;
            off += step;
            remaining -= step;
        }
        return 0;
    }
}
