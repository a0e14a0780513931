package io.ctsync.daemon.filter;

import static io.ctsync.daemon.filter.BpfProgram.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.filter.BpfProgram.Builder;
import io.ctsync.daemon.filter.BpfProgram.Instruction;
import io.ctsync.daemon.filter.BpfProgram.Label;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assembler lays out jumps the kernel accepts, and the checker rejects what the kernel's verifier rejects. */
class BpfProgramTest {

    /** A program that returns 1 if the packet's first byte is {@code k}, else 2, with {@code gap} filler instructions. */
    private static BpfProgram farBranch(int gap) {
        Builder b = BpfProgram.builder();
        Label one = b.label("one");
        Label two = b.label("two");
        b.ldAbs(B, 0).jeq(7, one, two);
        for (int i = 0; i < gap; i++) {
            b.ldImm(i);
        }
        b.bind(one).ret(1);
        b.bind(two).ret(2);
        return b.build();
    }

    @Test
    void nearJumpsUseTheEightBitOffsetsDirectly() {
        BpfProgram p = farBranch(10);
        assertEquals(new Instruction(JMP | JEQ | K, 10, 11, 7), p.get(1));
        assertEquals(14, p.size());
    }

    @Test
    void jumpsBeyond255GetTrampolinesAndKeepTheirMeaning() {
        for (int gap : new int[] {253, 254, 255, 256, 600, 4000}) {
            BpfProgram p = farBranch(gap);
            assertEquals(1, BpfInterpreter.run(p, new byte[] {7}, ByteOrder.nativeOrder()), "gap " + gap);
            assertEquals(2, BpfInterpreter.run(p, new byte[] {8}, ByteOrder.nativeOrder()), "gap " + gap);
            for (Instruction in : p.instructions()) {
                assertTrue(in.jt() <= 255 && in.jf() <= 255);
            }
        }
        BpfProgram far = farBranch(600);
        assertEquals(JMP | JA, far.get(2).code());
        assertEquals(JMP | JA, far.get(3).code());
        assertEquals(0, far.get(1).jt());
        assertEquals(1, far.get(1).jf());
    }

    @Test
    void aFallThroughFalseBranchSkipsTheTrampolineOfTheTrueBranch() {
        Builder b = BpfProgram.builder();
        Label far = b.label("far");
        b.ldAbs(B, 0).jeq(7, far, null).ret(3);
        for (int i = 0; i < 300; i++) {
            b.ldImm(i);
        }
        b.bind(far).ret(1);
        BpfProgram p = b.build();
        assertEquals(1, BpfInterpreter.run(p, new byte[] {7}, ByteOrder.nativeOrder()));
        assertEquals(3, BpfInterpreter.run(p, new byte[] {8}, ByteOrder.nativeOrder()));
    }

    @Test
    void programsOverTheKernelLimitAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> farBranch(4095));
    }

    @Test
    void theCheckerRejectsWhatTheKernelVerifierRejects() {
        Instruction ret = new Instruction(RET | K, 0, 0, 0);
        // empty, no final return, jump out of range
        assertThrows(IllegalArgumentException.class, () -> BpfProgram.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> BpfProgram.of(List.of(new Instruction(LD | IMM, 0, 0, 1))));
        assertThrows(
                IllegalArgumentException.class,
                () -> BpfProgram.of(List.of(new Instruction(JMP | JEQ | K, 1, 0, 0), ret)));
        assertThrows(
                IllegalArgumentException.class, () -> BpfProgram.of(List.of(new Instruction(JMP | JA, 0, 0, 1), ret)));
        // division by a constant zero, scratch cell 16, unknown opcode, unknown ancillary load
        assertThrows(
                IllegalArgumentException.class,
                () -> BpfProgram.of(List.of(new Instruction(ALU | DIV | K, 0, 0, 0), ret)));
        assertThrows(IllegalArgumentException.class, () -> BpfProgram.of(List.of(new Instruction(ST, 0, 0, 16), ret)));
        assertThrows(IllegalArgumentException.class, () -> BpfProgram.of(List.of(new Instruction(0xff, 0, 0, 0), ret)));
        assertThrows(
                IllegalArgumentException.class,
                () -> BpfProgram.of(List.of(new Instruction(LD | W | ABS, 0, 0, SKF_AD_OFF + 64), ret)));
        // reading a scratch cell that one path did not write
        assertThrows(
                IllegalArgumentException.class,
                () -> BpfProgram.of(List.of(
                        new Instruction(LD | B | ABS, 0, 0, 0),
                        new Instruction(JMP | JEQ | K, 0, 1, 1),
                        new Instruction(ST, 0, 0, 3),
                        new Instruction(LD | MEM, 0, 0, 3),
                        ret)));
        // ... but a cell written on both paths is fine
        BpfProgram.of(List.of(
                new Instruction(LD | B | ABS, 0, 0, 0),
                new Instruction(JMP | JEQ | K, 0, 1, 1),
                new Instruction(ST, 0, 0, 3),
                new Instruction(ST, 0, 0, 3),
                new Instruction(LD | MEM, 0, 0, 3),
                ret));
    }

    @Test
    void labelsMustBeBoundAndPointForward() {
        Builder unbound = BpfProgram.builder();
        unbound.ja(unbound.label("nowhere")).ret(0);
        assertThrows(IllegalStateException.class, unbound::build);
        Builder backwards = BpfProgram.builder();
        Label start = backwards.label("start");
        backwards.bind(start).ldImm(0).ja(start).ret(0);
        assertThrows(IllegalStateException.class, backwards::build);
    }

    @Test
    void theArraysMatchTheInstructions() {
        BpfProgram p = farBranch(1);
        assertEquals(p.size(), p.codes().length);
        assertEquals((short) (LD | B | ABS), p.codes()[0]);
        assertEquals(7, p.constants()[1]);
        assertEquals(1, p.jumpsIfTrue()[1]);
        assertEquals(2, p.jumpsIfFalse()[1]);
    }
}
