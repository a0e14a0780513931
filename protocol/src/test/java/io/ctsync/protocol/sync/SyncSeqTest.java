package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SyncSeqTest {
    @Test
    void shouldOrderAcrossTheWrapAt2To32() {
        assertTrue(SyncSeq.before(0xffffffff, 0));
        assertTrue(SyncSeq.after(0, 0xffffffff));
        assertTrue(SyncSeq.before(0xfffffff0, 0x10));
        assertTrue(SyncSeq.after(5, 0xfffffffb));
        assertEquals(0, SyncSeq.next(0xffffffff));
        assertTrue(SyncSeq.between(1, 0xfffffffe, 3));
        assertFalse(SyncSeq.between(4, 0xfffffffe, 3));
        assertEquals(6, SyncSeq.rangeSize(0xfffffffe, 3));
        assertEquals(0, SyncSeq.rangeSize(3, 0xfffffffe));
        assertEquals(1, SyncSeq.rangeSize(7, 7));
    }

    @Test
    void shouldTreatNumbers2To31ApartAsEachBeforeTheOtherLikeTcp() {
        int a = 0x12345678;
        int b = a + 0x80000000;
        assertTrue(SyncSeq.before(a, b));
        assertTrue(SyncSeq.before(b, a));
    }

    @Test
    void shouldAgreeWithUnsignedOrderForAnyStepBelow2To31AroundAnyStart() {
        Random r = new Random(20260401L);
        for (int i = 0; i < 100_000; i++) {
            int a = r.nextInt();
            int step = 1 + r.nextInt(Integer.MAX_VALUE - 1);
            int b = a + step;
            assertTrue(SyncSeq.before(a, b), () -> Integer.toHexString(a) + " + " + step);
            assertTrue(SyncSeq.after(b, a));
            assertFalse(SyncSeq.before(b, a));
            assertFalse(SyncSeq.after(a, b));
            assertTrue(SyncSeq.beforeOrEqual(a, a) && SyncSeq.afterOrEqual(a, a));
            assertFalse(SyncSeq.before(a, a) || SyncSeq.after(a, a));
            assertEquals(step, SyncSeq.distance(a, b));
            assertEquals(step + 1L, SyncSeq.rangeSize(a, b));
            int mid = a + r.nextInt(step);
            assertTrue(SyncSeq.between(mid, a, b));
        }
    }

    @Test
    void shouldCountEveryNumberOnceWhenIteratingOverTheWrap() {
        int seq = 0xfffffffd;
        int steps = 0;
        for (int s = seq; SyncSeq.beforeOrEqual(s, 2); s = SyncSeq.next(s)) {
            steps++;
        }
        assertEquals(6, steps);
    }
}
