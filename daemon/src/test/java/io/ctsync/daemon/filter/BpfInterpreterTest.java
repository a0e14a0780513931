package io.ctsync.daemon.filter;

import static io.ctsync.daemon.filter.BpfProgram.SKF_AD_NLATTR;
import static io.ctsync.daemon.filter.BpfProgram.SKF_AD_NLATTR_NEST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The test interpreter's netlink ancillary loads follow the kernel's nla_find rules. */
class BpfInterpreterTest {
    private static final ByteOrder HOST = ByteOrder.nativeOrder();

    /** nlmsghdr + nfgenmsg, then: [20] type 1 nest { [24] type 5 u8, [32] type 6 u8 }, [40] type 7 u8. */
    private static byte[] message() {
        NetlinkMessageWriter w = NetlinkMessageWriter.allocate(128);
        w.beginMessage(0x0100, 0, 0, 0).nfgenmsg(2, 0, 0);
        int nest = w.beginNested(1);
        w.putU8(5, 0x55).putU8(6, 0x66);
        w.endNested(nest);
        w.putU8(7, 0x77);
        w.endMessage();
        ByteBuffer b = w.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Returns A after {@code A = start; X = type; A = ancillary}. */
    private static int lookup(int ancillary, int start, int type, byte[] packet) {
        BpfProgram p = BpfProgram.builder()
                .ldImm(start)
                .ldxImm(type)
                .ldAncillary(ancillary)
                .op(BpfProgram.RET | BpfProgram.A, 0)
                .build();
        return BpfInterpreter.run(p, packet, HOST);
    }

    @Test
    void nlattrFindsTopLevelAttributesFromTheStartOffsetAndMasksTheFlags() {
        byte[] m = message();
        assertEquals(20, lookup(SKF_AD_NLATTR, 20, 1, m)); // the nest, NLA_F_NESTED set
        assertEquals(40, lookup(SKF_AD_NLATTR, 20, 7, m));
        assertEquals(0, lookup(SKF_AD_NLATTR, 20, 5, m)); // nested attributes are not top-level
        assertEquals(0, lookup(SKF_AD_NLATTR, 44, 7, m)); // starts past it
        assertEquals(0, lookup(SKF_AD_NLATTR, m.length, 7, m)); // no room for a header
        assertEquals(0, lookup(SKF_AD_NLATTR, -4, 7, m)); // unsigned: far beyond the end
    }

    @Test
    void nlattrNestSearchesOnlyInsideTheNest() {
        byte[] m = message();
        assertEquals(24, lookup(SKF_AD_NLATTR_NEST, 20, 5, m));
        assertEquals(32, lookup(SKF_AD_NLATTR_NEST, 20, 6, m));
        assertEquals(0, lookup(SKF_AD_NLATTR_NEST, 20, 7, m)); // follows the nest
        m[HOST == ByteOrder.LITTLE_ENDIAN ? 20 : 21] = (byte) 0xf0; // nest length beyond the datagram
        assertEquals(0, lookup(SKF_AD_NLATTR_NEST, 20, 5, m));
    }

    @Test
    void aMalformedAttributeLengthEndsTheSearch() {
        byte[] m = message();
        m[HOST == ByteOrder.LITTLE_ENDIAN ? 40 : 41] = 2; // type 7's nla_len below the header size
        assertEquals(0, lookup(SKF_AD_NLATTR, 20, 7, m));
        assertEquals(20, lookup(SKF_AD_NLATTR, 20, 1, m));
    }
}
