package io.ctsync.daemon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The conntrack-tools witness parser reads the extended output layout of conntrack 1.4.7. */
class ConntrackToolLineTest {

    @Test
    void shouldSplitStateTuplesFlagsAndTrailingFields() {
        ConntrackToolLine l = ConntrackToolLine.parse("ipv4     2 tcp      6 599 ESTABLISHED src=10.0.0.5 "
                + "dst=192.0.2.10 sport=33000 dport=443 src=192.0.2.10 dst=10.0.0.5 sport=443 dport=33000 "
                + "[ASSURED] mark=6 zone=3 use=1");
        assertEquals("ipv4", l.family());
        assertEquals(6, l.protocol());
        assertEquals(599, l.timeout());
        assertEquals("ESTABLISHED", l.state());
        assertEquals(Map.of("src", "10.0.0.5", "dst", "192.0.2.10", "sport", "33000", "dport", "443"), l.original());
        assertEquals("443", l.reply().get("sport"));
        assertEquals(Set.of("ASSURED"), l.flags());
        assertEquals("6", l.mark());
        assertEquals("3", l.zone());
    }

    @Test
    void shouldReadProtocolsWithoutPortsOrState() {
        ConntrackToolLine l = ConntrackToolLine.parse(
                "ipv6     10 icmpv6   58 29 src=2001:db8::1 dst=2001:db8::2 "
                        + "type=128 code=0 id=77 [UNREPLIED] src=2001:db8::2 dst=2001:db8::1 type=129 code=0 id=77 mark=0 use=1");
        assertNull(l.state());
        assertEquals("128", l.original().get("type"));
        assertEquals("129", l.reply().get("type"));
        assertEquals(Set.of("UNREPLIED"), l.flags());
        ConntrackToolLine g = ConntrackToolLine.parse("ipv4     2 unknown  99 29 src=10.0.0.1 dst=10.0.0.2 [UNREPLIED] "
                + "src=10.0.0.2 dst=10.0.0.1 mark=0 use=1");
        assertEquals(99, g.protocol());
        assertEquals("10.0.0.1", g.reply().get("dst"));
    }
}
