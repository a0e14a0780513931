package io.ctsync.protocol.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ConntrackdCommandTest {

    @Test
    void shouldEncodeTheCodeAsOneHostOrderInt() {
        ByteBuffer b = ConntrackdCommand.ALL_COMMIT.encode();
        assertEquals(4, b.remaining());
        assertEquals(46, b.order(ByteOrder.nativeOrder()).getInt(0));
        assertEquals(ConntrackdCommand.ALL_COMMIT, ConntrackdCommand.decode(b));
    }

    @Test
    void shouldReturnNullForUnknownOrShortRequests() {
        assertNull(ConntrackdCommand.fromCode(2));
        assertNull(ConntrackdCommand.fromCode(-1));
        assertNull(ConntrackdCommand.fromCode(49));
        assertNull(ConntrackdCommand.decode(ByteBuffer.allocate(3)));
    }
}
