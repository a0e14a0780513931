package io.ctsync.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.config.NodeSettings;
import io.ctsync.config.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify datagrams against a socket the test binds, and the cases where nothing may be sent. */
class SdNotifyTest {
    @TempDir
    Path dir;

    @Test
    void shouldDeliverEachMessageAsOneDatagramToAPathSocket() throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bindPath(dir.resolve("notify"));
                SdNotify notify = SdNotify.open(true, systemd.env())) {
            assertTrue(notify.enabled());
            assertEquals(Optional.of(systemd.notifySocket()), notify.target());

            assertTrue(notify.send("READY=1\nSTATUS=up"));
            assertTrue(notify.send("WATCHDOG=1"));

            assertEquals(List.of("READY=1\nSTATUS=up", "WATCHDOG=1"), systemd.drain());
            assertEquals(2, notify.count(SdNotifyCounter.MESSAGES_SENT));
            assertEquals(0, notify.count(SdNotifyCounter.SEND_FAILED));
        }
    }

    @Test
    void shouldReachASocketInTheAbstractNamespace() throws Exception {
        String name = "ctsync-test-" + ProcessHandle.current().pid() + "-"
                + ThreadLocalRandom.current().nextInt(1 << 30);
        try (NotifyReceiver systemd = NotifyReceiver.bindAbstract(name);
                SdNotify notify = SdNotify.open(true, Map.of(SdNotify.NOTIFY_SOCKET, "@" + name))) {
            assertTrue(notify.send("STATUS=abstract"));

            assertEquals(List.of("STATUS=abstract"), systemd.drain());
        }
    }

    @Test
    void shouldBeANoOpWithoutNotifySocket() {
        try (SdNotify notify = SdNotify.open(true, Map.of())) {
            assertFalse(notify.enabled());
            assertFalse(notify.send("READY=1"));
            assertEquals(0, notify.count(SdNotifyCounter.MESSAGES_SENT));
            assertEquals(0, notify.count(SdNotifyCounter.SEND_FAILED));
        }
    }

    @Test
    void shouldSendNothingWhenSystemdNotifyIsOffEvenWithNotifySocketSet() throws Exception {
        NodeSettings off = new NodeSettings("fw1", Role.AUTO, Optional.empty(), false);
        try (NotifyReceiver systemd = NotifyReceiver.bindPath(dir.resolve("notify"));
                SdNotify notify = SdNotify.forNode(off, systemd.env())) {
            assertFalse(notify.enabled());
            assertFalse(notify.send("READY=1"));

            assertEquals(List.of(), systemd.drain());
        }
    }

    @Test
    void shouldCountAndSwallowSendFailuresWhenNobodyListens() {
        Map<String, String> env =
                Map.of(SdNotify.NOTIFY_SOCKET, dir.resolve("nobody").toString());
        try (SdNotify notify = SdNotify.open(true, env)) {
            assertTrue(notify.enabled());

            assertFalse(notify.send("READY=1"));
            assertFalse(notify.send("WATCHDOG=1"));

            assertEquals(2, notify.count(SdNotifyCounter.SEND_FAILED));
            assertEquals(0, notify.count(SdNotifyCounter.MESSAGES_SENT));
        }
    }

    @Test
    void shouldRecoverWhenTheListenerAppearsLater() throws Exception {
        Path path = dir.resolve("late");
        try (SdNotify notify = SdNotify.open(true, Map.of(SdNotify.NOTIFY_SOCKET, path.toString()))) {
            assertFalse(notify.send("STATUS=early"));
            try (NotifyReceiver systemd = NotifyReceiver.bindPath(path)) {
                assertTrue(notify.send("STATUS=late"));
                assertEquals(List.of("STATUS=late"), systemd.drain());
            }
        }
    }

    @Test
    void shouldDropMessagesAfterClose() throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bindPath(dir.resolve("notify"))) {
            SdNotify notify = SdNotify.open(true, systemd.env());
            notify.close();

            assertFalse(notify.send("STATUS=after close"));
            assertEquals(List.of(), systemd.drain());
        }
    }

    @Test
    void shouldAcceptAbsolutePathsAndAbstractNamesOnly() {
        assertEquals(Optional.of("/run/systemd/notify"), SdNotify.socketPath("/run/systemd/notify"));
        assertEquals(Optional.of("\0name"), SdNotify.socketPath("@name"));
        assertEquals(Optional.empty(), SdNotify.socketPath("run/systemd/notify"));
        assertEquals(Optional.empty(), SdNotify.socketPath("vsock:2:1234"));
        assertEquals(Optional.empty(), SdNotify.socketPath("@"));
        assertEquals(Optional.empty(), SdNotify.socketPath("/"));
        assertEquals(Optional.empty(), SdNotify.socketPath("/run/n\u00f6tify"));
    }

    @Test
    void shouldRefuseAddressesLongerThanSunPath() {
        String longest = "/" + "a".repeat(SdNotify.SUN_PATH_MAX - 2);
        assertTrue(SdNotify.socketPath(longest).isPresent());
        assertFalse(SdNotify.socketPath(longest + "a").isPresent());
        String longestAbstract = "@" + "a".repeat(SdNotify.SUN_PATH_MAX - 1);
        assertTrue(SdNotify.socketPath(longestAbstract).isPresent());
        assertFalse(SdNotify.socketPath(longestAbstract + "a").isPresent());

        try (SdNotify notify = SdNotify.open(true, Map.of(SdNotify.NOTIFY_SOCKET, longest + "a"))) {
            assertFalse(notify.enabled());
        }
    }
}
