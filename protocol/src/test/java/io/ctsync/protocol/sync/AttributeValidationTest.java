package io.ctsync.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiver rules of compat §3.5 and the extra value checks of {@link SyncDecoder}. */
class AttributeValidationTest {
    private static final String V4 = tlv(0, "0a000001 0a000002");
    private static final String V6 = tlv(1, "20010db8000000000000000000000001 20010db8000000000000000000000002");
    private static final String UDP = tlv(2, "11");
    private static final String TCP = tlv(2, "06");
    private static final String PORTS = tlv(3, "1000 0035");
    private static final String MARK = tlv(7, "00000000");
    private static final String ALIVE = "1a100008 00000063";

    private final RecordingSink sink = new RecordingSink();

    /** One attribute with a correct length and zero padding. */
    static String tlv(int id, String payloadHex) {
        byte[] p = Hex.bytes(payloadHex);
        return raw(4 + p.length, id, payloadHex);
    }

    /** One attribute with the given {@code nta_len}, padded after the payload. */
    static String raw(int ntaLen, int id, String payloadHex) {
        byte[] p = Hex.bytes(payloadHex);
        int pad = (4 - (p.length % 4)) % 4;
        return String.format("%04x%04x", ntaLen, id) + Hex.of(p) + "00".repeat(pad);
    }

    /** A data message of {@code type} holding {@code attrs}. */
    static byte[] msg(int type, String... attrs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String a : attrs) {
            out.writeBytes(Hex.bytes(a));
        }
        byte[] body = out.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        SyncHeader.write(b, 0, type, 0, 8 + body.length, 42);
        b.put(8, body);
        return b.array();
    }

    private List<SyncMessage> decode(SyncCodecOptions options, byte[]... msgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : msgs) {
            out.writeBytes(m);
        }
        List<SyncMessage> got = new ArrayList<>();
        new SyncDecoder(options, sink).decodeDatagram(ByteBuffer.wrap(out.toByteArray()), got::add);
        return got;
    }

    /** Decodes {@code bad} followed by an ALIVE: the ALIVE must survive, {@code bad} must not. */
    private void assertRejected(SyncDropReason reason, byte[] bad) {
        sink.reasons.clear();
        List<SyncMessage> got = decode(SyncCodecOptions.DEFAULT, bad, Hex.bytes(ALIVE));
        assertEquals(List.of(reason), sink.reasons, Hex.spaced(bad));
        assertEquals(1, got.size());
        assertInstanceOf(ControlMessage.class, got.get(0));
    }

    private ConntrackEntry accepted(SyncCodecOptions options, byte[] m) {
        sink.reasons.removeIf(SyncDropReason::isReceiveDrop);
        List<SyncMessage> got = decode(options, m);
        assertEquals(
                List.of(),
                sink.reasons.stream().filter(SyncDropReason::isReceiveDrop).toList());
        assertEquals(1, got.size(), Hex.spaced(m));
        return ((ConntrackStateMessage) got.get(0)).entry();
    }

    @Test
    void shouldRejectAnAttributeLengthBelowFourOrBeyondTheMessage() {
        assertRejected(SyncDropReason.MALFORMED_PAYLOAD, msg(0, V4, UDP, raw(3, 7, "00000000")));
        assertRejected(SyncDropReason.MALFORMED_PAYLOAD, msg(0, V4, UDP, raw(0, 7, "00000000")));
        assertRejected(SyncDropReason.MALFORMED_PAYLOAD, msg(0, V4, UDP, raw(12, 7, "00000000")));
    }

    @Test
    void shouldRejectTheWholeMessageForAnUnknownAttributeLikeConntrackd() {
        assertRejected(SyncDropReason.UNKNOWN_ATTRIBUTE, msg(0, V4, UDP, tlv(33, "00000001")));
        assertRejected(SyncDropReason.UNKNOWN_ATTRIBUTE, msg(3, tlv(21, "00")));
        assertRejected(SyncDropReason.UNKNOWN_ATTRIBUTE, msg(1, V4, UDP, tlv(0xffff, ""), MARK));
    }

    @Test
    void shouldSkipAndCountUnknownAttributesWhenThePeerOptionsAskForIt() {
        SyncCodecOptions lenient =
                SyncCodecOptions.builder().rejectUnknownAttributes(false).build();
        ConntrackEntry e = accepted(lenient, msg(0, V4, UDP, tlv(40, "0102030405"), tlv(7, "00000009")));
        assertEquals(9, e.mark());
        assertEquals(1, sink.count(SyncDropReason.UNKNOWN_ATTRIBUTE_SKIPPED));
    }

    @Test
    void shouldRejectEveryFixedSizeConntrackAttributeOfAnotherSize() {
        for (NtaAttr a : NtaAttr.values()) {
            if (a.isVariable()) {
                continue;
            }
            for (int delta : new int[] {-1, 1, 4}) {
                int len = a.length() + delta;
                String payload = "00".repeat(Math.max(0, len - 4));
                assertRejected(SyncDropReason.BAD_ATTRIBUTE_SIZE, msg(0, V4, UDP, raw(len, a.id(), payload), MARK));
            }
        }
    }

    @Test
    void shouldRejectEveryFixedSizeExpectationAttributeOfAnotherSize() {
        for (NtaExpAttr a : NtaExpAttr.values()) {
            if (a.isVariable()) {
                continue;
            }
            int len = a.length() + 1;
            assertRejected(SyncDropReason.BAD_ATTRIBUTE_SIZE, msg(4, raw(len, a.id(), "00".repeat(len - 4)), MARK));
        }
    }

    @Test
    void shouldRejectVariableAttributesOverTheirMaximum() {
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_SIZE, msg(0, V4, UDP, tlv(28, "00".repeat(1028))));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_SIZE, msg(0, V4, UDP, tlv(27, "41".repeat(16) + "00")));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_SIZE, msg(3, tlv(20, "41".repeat(28) + "00")));
    }

    @Test
    void shouldAcceptHelperNamesUpToTheKernelsFifteenCharacters() {
        ConntrackEntry e = accepted(SyncCodecOptions.DEFAULT, msg(0, V4, UDP, tlv(27, "41".repeat(15) + "00")));
        assertEquals("A".repeat(15), e.helper());
    }

    @Test
    void shouldIgnoreUpToFourTrailingBytesAndLetTheLastDuplicateWin() {
        ConntrackEntry e =
                accepted(SyncCodecOptions.DEFAULT, msg(0, V4, UDP, tlv(7, "00000001"), tlv(7, "00000002"), "ffffffff"));
        assertEquals(2, e.mark());
        assertEquals("10.0.0.1", e.original().src().toString());
        ConntrackEntry later = accepted(SyncCodecOptions.DEFAULT, msg(0, V4, UDP, V6));
        assertEquals("2001:db8::1", later.original().src().toString(), "the later address attribute wins");
    }

    @Test
    void shouldNotLookAtAFourByteAttributeThatEndsTheMessage() {
        ConntrackEntry e = accepted(SyncCodecOptions.DEFAULT, msg(0, V4, UDP, raw(4, 0xffff, "")));
        assertEquals(17, e.protocol());
    }

    @Test
    void shouldRejectAnEntryWithoutAddressesOrProtocol() {
        assertRejected(SyncDropReason.MISSING_ATTRIBUTE, msg(0, UDP, PORTS));
        assertRejected(SyncDropReason.MISSING_ATTRIBUTE, msg(2, V4, PORTS));
        assertRejected(SyncDropReason.MISSING_ATTRIBUTE, msg(3, tlv(0, "0a000001 0a000002"), tlv(2, "06")));
    }

    @Test
    void shouldRejectValuesOutsideTheirDomain() {
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_VALUE, msg(0, V4, TCP, PORTS, tlv(4, "0a")));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_VALUE, msg(0, V4, tlv(2, "84"), PORTS, tlv(17, "0a")));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_VALUE, msg(0, V4, tlv(2, "21"), PORTS, tlv(20, "0a")));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_VALUE, msg(0, V6, UDP, tlv(12, "0a000001")));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_VALUE, msg(0, V4, UDP, tlv(30, "00".repeat(16))));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_VALUE, msg(0, V4, UDP, tlv(27, "66 0a 70 00")));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_VALUE, msg(0, V4, UDP, tlv(27, "00")));
        assertRejected(
                SyncDropReason.BAD_ATTRIBUTE_VALUE,
                msg(3, tlv(4, "0a000001 0a000002"), tlv(6, "06"), tlv(19, ""), MARK));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_VALUE, msg(0, V4, UDP, tlv(28, "00000000".repeat(4) + "00000001")));
        assertRejected(SyncDropReason.BAD_ATTRIBUTE_SIZE, msg(0, V4, UDP, tlv(28, "000000")));
    }

    @Test
    void shouldAcceptLabelWordsBeyondTheKernelsSizeWhenTheyAreZero() {
        ConntrackEntry e =
                accepted(SyncCodecOptions.DEFAULT, msg(0, V4, UDP, tlv(28, "80000001" + "00000000".repeat(7))));
        assertEquals(Labels.of(Hex.bytes("01000080" + "00".repeat(12))), e.labels());
        assertNull(
                accepted(SyncCodecOptions.DEFAULT, msg(0, V4, UDP, tlv(28, ""))).labels());
    }

    @Test
    void shouldRejectHeadersWhoseFlagsOrTypeFitNoMessage() {
        byte[] dataWithAck = msg(0, V4, UDP);
        dataWithAck[1] = SyncFlags.ACK;
        assertRejected(SyncDropReason.MALFORMED_HEADER, dataWithAck);
        assertRejected(SyncDropReason.MALFORMED_HEADER, Hex.bytes("1a200008 00000001"));
        assertRejected(SyncDropReason.MALFORMED_HEADER, Hex.bytes("1a080010 00000001 00000005 00000004"));
        assertRejected(SyncDropReason.MALFORMED_HEADER, Hex.bytes("1a040010 00000001 00000000 ffffffff"));
        assertRejected(SyncDropReason.UNKNOWN_TYPE, msg(7, V4, UDP));
        assertRejected(SyncDropReason.UNKNOWN_TYPE, Hex.bytes("1f000008 00000001"));
    }

    @Test
    void shouldAcceptAnAckRangeAcrossTheWrap() {
        List<SyncMessage> got = decode(SyncCodecOptions.DEFAULT, Hex.bytes("1a080010 00000001 fffffffe 00000002"));
        assertEquals(List.of(ControlMessage.ack(1, 0xfffffffe, 2, 0)), got);
    }
}
