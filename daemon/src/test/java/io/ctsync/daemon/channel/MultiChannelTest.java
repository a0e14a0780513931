package io.ctsync.daemon.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.channel.MultiChannel.Failure;
import io.ctsync.daemon.channel.MultiChannel.LinkStatus;
import io.ctsync.daemon.channel.MultiChannel.Role;
import io.ctsync.daemon.channel.testing.Impairment;
import io.ctsync.daemon.channel.testing.InMemoryChannelPair;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redundant links: sends go only to the active link, every link receives, a valid message makes its
 * link active, and the active link fails over on send errors, link or interface loss and silence.
 */
class MultiChannelTest {
    private static final long S = 1_000_000_000L;

    private final List<InMemoryChannelPair> pairs = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private MultiChannel multi;

    @BeforeEach
    void setUp() {
        for (int i = 0; i < 3; i++) {
            pairs.add(InMemoryChannelPair.builder()
                    .names("link" + i, "peer" + i)
                    .interfaces("eth" + i, "eth" + i)
                    .payloadLimit(1472 - i)
                    .impairment(Impairment.none())
                    .build());
        }
        multi = newMulti(0);
    }

    private MultiChannel newMulti(int defaultIndex) {
        List<SyncChannel> links = new ArrayList<>();
        pairs.forEach(p -> links.add(p.a()));
        return new MultiChannel("sync", links, defaultIndex, Duration.ofSeconds(5), 3, ImmediateEventExecutor.INSTANCE);
    }

    private void open(MultiChannel m) {
        assertTrue(m.open(new SyncChannel.Listener() {
                    @Override
                    public void onPayload(ByteBuf payload, SyncChannel link, InetSocketAddress sender) {
                        received.add(link.name() + ":" + payload.readableBytes());
                    }
                })
                .isSuccess());
        pairs.forEach(p -> p.b().open((payload, link, sender) -> {}));
    }

    private InMemoryChannelPair.Endpoint link(int i) {
        return pairs.get(i).a();
    }

    private long sentOn(int i) {
        return pairs.get(i).aToB().sent();
    }

    @Test
    void shouldStartOnTheDefaultLinkAndSendOnlyThere() {
        MultiChannel m = newMulti(1);
        open(m);
        assertSame(link(1), m.activeLink());
        m.send(new byte[16]);
        m.send(new byte[16]);
        assertEquals(0, sentOn(0));
        assertEquals(2, sentOn(1));
        assertEquals(0, sentOn(2));
    }

    @Test
    void shouldReceiveOnEveryLink() {
        open(multi);
        pairs.get(0).b().send(new byte[8]);
        pairs.get(2).b().send(new byte[12]);
        pairs.forEach(InMemoryChannelPair::deliverPending);
        assertEquals(List.of("link0:8", "link2:12"), received);
        assertSame(link(0), multi.activeLink()); // receiving alone does not switch: the caller validates
    }

    @Test
    void shouldMakeTheLinkAValidMessageArrivedOnActive() {
        open(multi);
        multi.validMessageReceived(link(2), 1 * S);
        assertSame(link(2), multi.activeLink());
        multi.send(new byte[8]);
        assertEquals(1, sentOn(2));
        assertEquals(0, sentOn(0));
        assertEquals(1, multi.failovers());
    }

    @Test
    void shouldFailOverAfterConsecutiveSendErrors() {
        open(multi);
        link(0).setBroken(true);
        multi.send(new byte[8]);
        multi.send(new byte[8]);
        assertSame(link(0), multi.activeLink());
        multi.send(new byte[8]);
        assertSame(link(1), multi.activeLink());
        assertEquals(Optional.of(Failure.SEND_ERRORS), multi.status().get(0).failure());
        multi.send(new byte[8]);
        assertEquals(1, sentOn(1));
        assertEquals(3, link(0).counters().sendErrors());
    }

    @Test
    void shouldMakeALinkThatFailedOnSendErrorsUsableAgainWhenItComesBackUp() {
        open(multi);
        link(0).setBroken(true);
        for (int i = 0; i < 3; i++) {
            multi.send(new byte[8]);
        }
        assertSame(link(1), multi.activeLink());
        link(0).setBroken(false);
        link(0).setUp(false); // e.g. the TCP connection is re-established
        link(0).setUp(true);
        assertEquals(Optional.empty(), multi.status().get(0).failure());
        assertSame(link(1), multi.activeLink()); // the active link is fine: no switch back
    }

    @Test
    void shouldNotCountErrorsSeparatedBySuccessfulSendsAsConsecutive() {
        open(multi);
        for (int i = 0; i < 5; i++) {
            link(0).setBroken(true);
            multi.send(new byte[8]);
            multi.send(new byte[8]);
            link(0).setBroken(false);
            multi.send(new byte[8]);
        }
        assertSame(link(0), multi.activeLink());
        assertEquals(10, link(0).counters().sendErrors());
    }

    @Test
    void shouldFailOverWhenThePeerIsSilentForTheLinkTimeout() {
        open(multi);
        multi.checkLinkTimeout(0); // starts the clock
        multi.checkLinkTimeout(4 * S);
        multi.validMessageReceived(link(0), 4 * S);
        multi.checkLinkTimeout(8 * S + S / 2);
        assertSame(link(0), multi.activeLink()); // last valid message 4.5 s ago
        multi.checkLinkTimeout(9 * S);
        assertSame(link(1), multi.activeLink());
        assertEquals(Optional.of(Failure.PEER_SILENT), multi.status().get(0).failure());
        multi.checkLinkTimeout(13 * S);
        assertSame(link(1), multi.activeLink()); // the new link gets a full timeout
        multi.checkLinkTimeout(14 * S);
        assertSame(link(2), multi.activeLink());
    }

    @Test
    void shouldStayOnTheLastLinkWhenAllAreFailedAndReturnOnAValidMessage() {
        open(multi);
        multi.checkLinkTimeout(0);
        multi.checkLinkTimeout(5 * S);
        multi.checkLinkTimeout(10 * S);
        multi.checkLinkTimeout(15 * S);
        multi.checkLinkTimeout(20 * S);
        assertSame(link(2), multi.activeLink());
        assertEquals(2, multi.failovers());
        assertTrue(multi.status().stream().allMatch(s -> s.failure().isPresent()));
        multi.validMessageReceived(link(0), 21 * S);
        assertSame(link(0), multi.activeLink());
        assertEquals(Optional.empty(), multi.status().get(0).failure());
    }

    @Test
    void shouldFailOverWhenTheActiveLinkGoesDownAndSkipLinksThatAreDown() {
        open(multi);
        link(1).setUp(false);
        assertSame(link(0), multi.activeLink()); // a backup going down changes nothing
        link(0).setUp(false);
        assertSame(link(2), multi.activeLink());
        assertEquals(Optional.of(Failure.LINK_DOWN), multi.status().get(0).failure());
    }

    @Test
    void shouldReturnToARecoveredLinkWhenTheActiveOneIsFailed() {
        List<SyncChannel> two = List.of(link(0), link(1));
        MultiChannel m = new MultiChannel("sync", two, 0, Duration.ofSeconds(5), 3, ImmediateEventExecutor.INSTANCE);
        open(m);
        link(0).setUp(false);
        assertSame(link(1), m.activeLink());
        link(1).setUp(false); // nothing left: stays
        assertSame(link(1), m.activeLink());
        link(0).setUp(true);
        assertSame(link(0), m.activeLink());
        assertEquals(Optional.empty(), m.status().get(0).failure());
    }

    @Test
    void shouldFailOverWhenTheInterfaceLosesCarrier() {
        open(multi);
        multi.interfaceStateChanged("eth1", false, 0);
        multi.interfaceStateChanged("eth0", false, 0);
        assertSame(link(2), multi.activeLink());
        assertEquals(Optional.of(Failure.INTERFACE_DOWN), multi.status().get(1).failure());
        multi.interfaceStateChanged("eth1", true, S);
        assertSame(link(2), multi.activeLink()); // the active one is fine
        assertEquals(Optional.empty(), multi.status().get(1).failure());
    }

    @Test
    void shouldFailOverWhenTheCallerReportsTheLinkDead() {
        open(multi);
        multi.linkFailed(link(0), "no ACK within 5s", 3 * S);
        assertSame(link(1), multi.activeLink());
    }

    @Test
    void shouldShowRolesStatesAndTheSmallestPayloadLimit() {
        open(multi);
        List<LinkStatus> status = multi.status();
        assertEquals(
                List.of(Role.ACTIVE, Role.BACKUP, Role.BACKUP),
                status.stream().map(LinkStatus::role).toList());
        assertEquals(
                List.of("link0", "link1", "link2"),
                status.stream().map(LinkStatus::name).toList());
        assertTrue(status.stream().allMatch(s -> s.state() == LinkState.UP));
        assertEquals(Optional.of("eth0"), status.get(0).interfaceName());
        assertEquals(1470, multi.payloadLimit());
    }

    @Test
    void shouldSumTheLinksCounters() {
        open(multi);
        multi.send(new byte[10]);
        multi.validMessageReceived(link(1), 0);
        multi.send(new byte[20]);
        assertEquals(2, multi.counters().packetsSent());
        assertEquals(30, multi.counters().bytesSent());
    }
}
