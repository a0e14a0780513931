package io.ctsync.daemon.lifecycle;

import static io.ctsync.daemon.lifecycle.DaemonState.FAILED;
import static io.ctsync.daemon.lifecycle.DaemonState.READY;
import static io.ctsync.daemon.lifecycle.DaemonState.RELOADING;
import static io.ctsync.daemon.lifecycle.DaemonState.STARTING;
import static io.ctsync.daemon.lifecycle.DaemonState.STOPPED;
import static io.ctsync.daemon.lifecycle.DaemonState.STOPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.daemon.systemd.NotifySink;
import io.ctsync.daemon.systemd.RecordingSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Transition rules, the systemd messages each move produces, and listener behaviour, on a fake clock. */
class LifecycleTest {
    private final RecordingSink sink = new RecordingSink();
    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final Lifecycle lifecycle = new Lifecycle(sink, 4242, clock::get);

    @Test
    void shouldStartInStartingWithoutSendingAnything() {
        assertEquals(STARTING, lifecycle.state());
        assertEquals(5_000_000_000L, lifecycle.enteredAtNanos());
        assertEquals(List.of(), sink.messages());
    }

    @Test
    void shouldSendReadyWithMainPidThenStoppingThenStatus() {
        lifecycle.transition(READY, "Ready: role backup");
        lifecycle.transition(STOPPING, "Stopping: SIGTERM");
        lifecycle.transition(STOPPED, "Stopped");

        assertEquals(
                List.of(
                        "READY=1\nMAINPID=4242\nSTATUS=Ready: role backup",
                        "STOPPING=1\nSTATUS=Stopping: SIGTERM",
                        "STATUS=Stopped"),
                sink.messages());
        assertEquals(STOPPED, lifecycle.state());
    }

    @Test
    void shouldThrowOnAnIllegalTransitionAndChangeNothing() {
        List<Transition> seen = new ArrayList<>();
        lifecycle.addListener(seen::add);

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> lifecycle.transition(STOPPED, "skip STOPPING"));

        assertTrue(e.getMessage().contains("STARTING -> STOPPED"), e.getMessage());
        assertEquals(STARTING, lifecycle.state());
        assertEquals(List.of(), sink.messages());
        assertEquals(List.of(), seen);
    }

    @Test
    void shouldThrowOnAnyMoveOutOfATerminalState() {
        lifecycle.transition(STOPPING, "Stopping");
        lifecycle.transition(STOPPED, "Stopped");

        for (DaemonState to : DaemonState.values()) {
            assertThrows(IllegalStateException.class, () -> lifecycle.transition(to, "again"), "to " + to);
        }
        assertEquals(STOPPED, lifecycle.state());
    }

    @Test
    void shouldThrowOnATransitionToTheSameState() {
        lifecycle.transition(READY, "Ready");

        assertThrows(IllegalStateException.class, () -> lifecycle.transition(READY, "Ready again"));
    }

    @Test
    void shouldSendReloadingWithMonotonicTimeAndReadyAgainAfterwards() {
        lifecycle.transition(READY, "Ready");
        clock.set(7_123_456_789L);
        lifecycle.transition(RELOADING, "Reloading");
        lifecycle.transition(READY, "Ready");

        assertEquals(
                List.of(
                        "READY=1\nMAINPID=4242\nSTATUS=Ready",
                        "RELOADING=1\nMONOTONIC_USEC=7123456\nSTATUS=Reloading",
                        "READY=1\nMAINPID=4242\nSTATUS=Ready"),
                sink.messages());
    }

    @Test
    void shouldSendStatusAndErrnoOnFailure() {
        lifecycle.transition(READY, "Ready");

        assertTrue(lifecycle.fail("Failed: netlink event socket closed", 9));

        assertEquals(FAILED, lifecycle.state());
        assertEquals(
                "STATUS=Failed: netlink event socket closed\nERRNO=9",
                sink.messages().get(1));
    }

    @Test
    void shouldOmitErrnoWhenTheFailureHasNone() {
        lifecycle.transition(FAILED, "Failed: initial dump incomplete");

        assertEquals(List.of("STATUS=Failed: initial dump incomplete"), sink.messages());
    }

    @Test
    void shouldOnlyLogAFailureReportedAfterTheDaemonStopped() {
        lifecycle.transition(STOPPING, "Stopping");
        lifecycle.transition(STOPPED, "Stopped");

        assertFalse(lifecycle.fail("late failure", 5));

        assertEquals(STOPPED, lifecycle.state());
        assertEquals(2, sink.messages().size());
    }

    @Test
    void shouldLetTryTransitionDeclineAMoveTheStateDoesNotAllow() {
        lifecycle.fail("Failed", 0);

        assertFalse(lifecycle.tryTransition(STOPPING, "Stopping: SIGTERM"));
        assertEquals(FAILED, lifecycle.state());
        assertTrue(new Lifecycle(sink, 1, clock::get).tryTransition(STOPPING, "Stopping"));
    }

    @Test
    void shouldSendStatusOnRoleChangesWithoutChangingState() {
        lifecycle.transition(READY, "Ready: role backup");

        lifecycle.status("Role: primary, 1200 entries committed");

        assertEquals(READY, lifecycle.state());
        assertEquals(
                "STATUS=Role: primary, 1200 entries committed", sink.messages().get(1));
    }

    @Test
    void shouldKeepTheStatusOnOneLine() {
        lifecycle.status("line one\nREADY=1\r\nline three");

        assertEquals(List.of("STATUS=line one READY=1 line three"), sink.messages());
    }

    @Test
    void shouldTellListenersEveryMoveInOrderWithItsTime() {
        List<Transition> seen = new ArrayList<>();
        lifecycle.addListener(seen::add);

        clock.set(6_000_000_000L);
        lifecycle.transition(READY, "Ready");
        clock.set(9_000_000_000L);
        lifecycle.transition(STOPPING, "Stopping");

        assertEquals(
                List.of(
                        new Transition(STARTING, READY, "Ready", 6_000_000_000L),
                        new Transition(READY, STOPPING, "Stopping", 9_000_000_000L)),
                seen);
        assertEquals(9_000_000_000L, lifecycle.enteredAtNanos());
    }

    @Test
    void shouldStillTellOtherListenersWhenOneThrows() {
        List<Transition> seen = new ArrayList<>();
        lifecycle.addListener(t -> {
            throw new IllegalArgumentException("broken listener");
        });
        lifecycle.addListener(seen::add);

        lifecycle.transition(READY, "Ready");

        assertEquals(1, seen.size());
        assertEquals(READY, lifecycle.state());
        assertEquals(1, sink.messages().size());
    }

    @Test
    void shouldRefuseAMoveRequestedFromAListener() {
        List<Throwable> refused = new ArrayList<>();
        lifecycle.addListener(t -> {
            if (t.to() == READY) {
                try {
                    lifecycle.transition(STOPPING, "from a listener");
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            }
        });

        lifecycle.transition(READY, "Ready");

        assertEquals(1, refused.size());
        assertEquals(READY, lifecycle.state());
    }

    @Test
    void shouldWorkWithoutSystemd() {
        Lifecycle quiet = new Lifecycle(NotifySink.disabled(), 1, clock::get);

        quiet.transition(READY, "Ready");
        quiet.status("Role: primary");
        quiet.transition(STOPPING, "Stopping");
        quiet.transition(STOPPED, "Stopped");

        assertEquals(STOPPED, quiet.state());
    }
}
