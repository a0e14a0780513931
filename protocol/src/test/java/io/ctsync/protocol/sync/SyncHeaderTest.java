package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SyncHeaderTest {
    @Test
    void shouldPutVersionInTheHighNibbleAndTypeInTheLow() {
        assertEquals(0x10, SyncHeader.versionType(SyncMessageType.CT_NEW.value()));
        assertEquals(0x11, SyncHeader.versionType(SyncMessageType.CT_UPD.value()));
        assertEquals(0x12, SyncHeader.versionType(SyncMessageType.CT_DEL.value()));
        assertEquals(0x13, SyncHeader.versionType(SyncMessageType.EXP_NEW.value()));
        assertEquals(0x14, SyncHeader.versionType(SyncMessageType.EXP_UPD.value()));
        assertEquals(0x15, SyncHeader.versionType(SyncMessageType.EXP_DEL.value()));
        assertEquals(0x1a, SyncHeader.versionType(SyncMessageType.CTL.value()));
    }

    @Test
    void shouldWriteBigEndianLengthAndSeqWhateverTheBufferOrder() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        SyncHeader.write(b, 0, 1, SyncFlags.HELLO, 0x54, 0x6b067af9);
        assertEquals("112000546b067af9", Hex.of(b.array()));
        assertEquals(1, SyncHeader.version(b, 0));
        assertEquals(1, SyncHeader.type(b, 0));
        assertEquals(SyncFlags.HELLO, SyncHeader.flags(b, 0));
        assertEquals(0x54, SyncHeader.length(b, 0));
        assertEquals(0x6b067af9, SyncHeader.seq(b, 0));
    }

    @Test
    void shouldRewriteSeqAndFlagsOfAnEncodedMessage() {
        byte[] m = ControlMessage.ack(1, 2, 3, SyncFlags.HELLO).toBytes();
        SyncHeader.setSeq(m, 0, 0xfffffffe);
        SyncHeader.setFlags(m, 0, SyncFlags.ACK);
        assertEquals("1a080010fffffffe0000000200000003", Hex.of(m));
    }

    @Test
    void shouldRejectLengthsOutsideTheSixteenBitField() {
        ByteBuffer b = ByteBuffer.allocate(8);
        assertThrows(IllegalArgumentException.class, () -> SyncHeader.write(b, 0, 0, 0, 7, 0));
        assertThrows(IllegalArgumentException.class, () -> SyncHeader.write(b, 0, 0, 0, 0x10000, 0));
    }

    @Test
    void shouldKnowTypesZeroToFiveAndTenOnly() {
        for (int t = 0; t < 16; t++) {
            SyncMessageType type = SyncMessageType.of(t);
            if (t <= 5 || t == 10) {
                assertEquals(t, type.value());
            } else {
                assertNull(type, "type " + t);
            }
        }
        assertNull(SyncMessageType.of(-1));
        assertNull(SyncMessageType.of(16));
        assertTrue(SyncMessageType.CT_DEL.isConntrack());
        assertTrue(SyncMessageType.EXP_NEW.isExpectation());
        assertFalse(SyncMessageType.CTL.isData());
        assertEquals(2, SyncMessageType.EXP_DEL.action());
    }

    @Test
    void shouldClassifyHeadersLikeConntrackd() {
        assertTrue(SyncFlags.isData(0, 0));
        assertTrue(SyncFlags.isData(5, SyncFlags.HELLO | SyncFlags.HELLO_BACK));
        assertFalse(SyncFlags.isData(0, SyncFlags.ACK), "data with a control flag is bad");
        assertFalse(SyncFlags.isData(6, 0));
        assertTrue(SyncFlags.isAck(10, SyncFlags.ACK | SyncFlags.HELLO));
        assertFalse(SyncFlags.isAck(1, SyncFlags.ACK), "only type 10 is control");
        assertTrue(SyncFlags.hasRange(10, SyncFlags.RESYNC));
        assertFalse(SyncFlags.hasRange(10, SyncFlags.ALIVE));
        assertTrue(SyncFlags.isHello(SyncFlags.HELLO), "HELLO is tested on any type");
        assertEquals("ACK|HELLO|HELLO_BACK", SyncFlags.toString(0x68));
    }

    @Test
    void shouldGiveTheKindOfEachFrameInConntrackdsOrder() {
        assertEquals(SyncFrame.Kind.DATA, frame(0, SyncFlags.HELLO).kind());
        assertEquals(
                SyncFrame.Kind.ACK,
                frame(10, SyncFlags.ACK | SyncFlags.NACK | SyncFlags.ALIVE).kind());
        assertEquals(
                SyncFrame.Kind.NACK,
                frame(10, SyncFlags.NACK | SyncFlags.RESYNC).kind());
        assertEquals(
                SyncFrame.Kind.RESYNC,
                frame(10, SyncFlags.RESYNC | SyncFlags.ALIVE).kind());
        assertEquals(SyncFrame.Kind.ALIVE, frame(10, SyncFlags.ALIVE).kind());
        assertEquals(SyncFrame.Kind.BAD_FLAGS, frame(10, SyncFlags.HELLO).kind());
        assertEquals(SyncFrame.Kind.BAD_FLAGS, frame(10, 0).kind());
        assertEquals(SyncFrame.Kind.BAD_FLAGS, frame(2, SyncFlags.UNUSED).kind());
        assertEquals(SyncFrame.Kind.BAD_TYPE, frame(7, 0).kind());
        assertEquals(SyncFrame.Kind.BAD_FLAGS, frame(7, SyncFlags.ALIVE).kind());
    }

    @Test
    void shouldRefuseControlMessagesWhoseFlagsDoNotSelectTheirKind() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ControlMessage(ControlMessage.Kind.ACK, SyncFlags.NACK, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ControlMessage.alive(0, SyncFlags.ACK));
        assertEquals(8, ControlMessage.alive(0, 0).size());
        assertEquals(16, ControlMessage.resync(0, 0).size());
    }

    private static SyncFrame frame(int type, int flags) {
        return new SyncFrame(ByteBuffer.allocate(16), 0, 16, type, flags, 0);
    }
}
