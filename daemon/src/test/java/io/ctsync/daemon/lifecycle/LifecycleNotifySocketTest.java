package io.ctsync.daemon.lifecycle;

import static io.ctsync.daemon.lifecycle.DaemonState.READY;
import static io.ctsync.daemon.lifecycle.DaemonState.STOPPED;
import static io.ctsync.daemon.lifecycle.DaemonState.STOPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ctsync.config.NodeSettings;
import io.ctsync.config.Role;
import io.ctsync.daemon.systemd.NotifyReceiver;
import io.ctsync.daemon.systemd.SdNotify;
import io.ctsync.daemon.systemd.SdNotifyCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lifecycle run end to end against a notify socket the test binds, as systemd would see it: the exact
 * datagrams, and silence when systemd notifications are not wanted.
 */
class LifecycleNotifySocketTest {
    private static final NodeSettings NOTIFY_ON = new NodeSettings("fw1", Role.AUTO, Optional.empty(), true);
    private static final NodeSettings NOTIFY_OFF = new NodeSettings("fw1", Role.AUTO, Optional.empty(), false);

    @TempDir
    Path dir;

    @Test
    void shouldSendReadyStatusStoppingAsSystemdReceivesThem() throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bindPath(dir.resolve("notify"));
                SdNotify notify = SdNotify.forNode(NOTIFY_ON, systemd.env())) {
            Lifecycle lifecycle = new Lifecycle(notify, 31337, () -> 0L);

            lifecycle.status("Starting: dumping the conntrack table");
            lifecycle.transition(READY, "Ready: role backup, 0 entries");
            lifecycle.status("Role: primary");
            lifecycle.transition(STOPPING, "Stopping: SIGTERM");
            lifecycle.transition(STOPPED, "Stopped");

            assertEquals(
                    List.of(
                            "STATUS=Starting: dumping the conntrack table",
                            "READY=1\nMAINPID=31337\nSTATUS=Ready: role backup, 0 entries",
                            "STATUS=Role: primary",
                            "STOPPING=1\nSTATUS=Stopping: SIGTERM",
                            "STATUS=Stopped"),
                    systemd.drain());
        }
    }

    @Test
    void shouldSendNothingOnAnIllegalTransition() throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bindPath(dir.resolve("notify"));
                SdNotify notify = SdNotify.forNode(NOTIFY_ON, systemd.env())) {
            Lifecycle lifecycle = new Lifecycle(notify, 31337, () -> 0L);

            assertThrows(IllegalStateException.class, () -> lifecycle.transition(STOPPED, "Stopped"));

            assertEquals(List.of(), systemd.drain());
        }
    }

    @Test
    void shouldSendNothingAndThrowNothingWithoutNotifySocket() {
        try (SdNotify notify = SdNotify.forNode(NOTIFY_ON, Map.of())) {
            Lifecycle lifecycle = new Lifecycle(notify, 31337, () -> 0L);

            lifecycle.transition(READY, "Ready");
            lifecycle.status("Role: primary");
            lifecycle.transition(STOPPING, "Stopping");
            lifecycle.transition(STOPPED, "Stopped");

            assertFalse(notify.enabled());
            assertEquals(0, notify.count(SdNotifyCounter.MESSAGES_SENT));
            assertEquals(0, notify.count(SdNotifyCounter.SEND_FAILED));
        }
    }

    @Test
    void shouldSendNothingWhenSystemdNotifyIsOff() throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bindPath(dir.resolve("notify"));
                SdNotify notify = SdNotify.forNode(NOTIFY_OFF, systemd.env())) {
            Lifecycle lifecycle = new Lifecycle(notify, 31337, () -> 0L);

            lifecycle.transition(READY, "Ready");
            lifecycle.transition(STOPPING, "Stopping");

            assertEquals(List.of(), systemd.drain());
        }
    }

    @Test
    void shouldKeepRunningWhenSystemdGoesAway() throws Exception {
        Path path = dir.resolve("notify");
        SdNotify notify;
        try (NotifyReceiver systemd = NotifyReceiver.bindPath(path)) {
            notify = SdNotify.forNode(NOTIFY_ON, systemd.env());
        }
        Files.deleteIfExists(path);
        try (notify) {
            Lifecycle lifecycle = new Lifecycle(notify, 31337, () -> 0L);

            lifecycle.transition(READY, "Ready");
            lifecycle.transition(STOPPING, "Stopping");

            assertEquals(STOPPING, lifecycle.state());
            assertEquals(2, notify.count(SdNotifyCounter.SEND_FAILED));
        }
    }
}
