package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SyncDropCountersTest {
    @Test
    void shouldCountPerReasonAndSumConntrackdsNetworkStatLines() {
        SyncDropCounters c = new SyncDropCounters();
        SyncDecoder d = new SyncDecoder(SyncCodecOptions.DEFAULT, c);
        d.decodeDatagram(ByteBuffer.wrap(Hex.bytes("2a100008 00000001" + "1f000008 00000001" + "1a1000")), m -> {});
        d.decodeDatagram(
                ByteBuffer.wrap(AttributeValidationTest.msg(0, AttributeValidationTest.tlv(33, "00"))), m -> {});
        d.decodeDatagram(
                ByteBuffer.wrap(AttributeValidationTest.msg(0, AttributeValidationTest.tlv(5, "00"))), m -> {});
        c.drop(SyncDropReason.HELPER_NAME_TOO_LONG);

        assertEquals(1, c.count(SyncDropReason.WRONG_VERSION));
        assertEquals(1, c.count(SyncDropReason.UNKNOWN_TYPE));
        assertEquals(1, c.count(SyncDropReason.TRUNCATED));
        assertEquals(1, c.count(SyncDropReason.UNKNOWN_ATTRIBUTE));
        assertEquals(1, c.count(SyncDropReason.BAD_ATTRIBUTE_SIZE));
        assertEquals(5, c.receiveDrops(), "\"Malformed messages\" leaves out what was not a received drop");
        assertEquals(2, c.conntrackdStat("Malformed payload"));
        assertEquals(1, c.conntrackdStat("Bad message type"));
        assertEquals(1L, c.snapshot().get(SyncDropReason.HELPER_NAME_TOO_LONG));
        assertNull(SyncDropReason.HELPER_NAME_TOO_LONG.conntrackdStat());
    }
}
