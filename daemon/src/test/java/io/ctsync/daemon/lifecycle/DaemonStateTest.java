package io.ctsync.daemon.lifecycle;

import static io.ctsync.daemon.lifecycle.DaemonState.FAILED;
import static io.ctsync.daemon.lifecycle.DaemonState.READY;
import static io.ctsync.daemon.lifecycle.DaemonState.RELOADING;
import static io.ctsync.daemon.lifecycle.DaemonState.STARTING;
import static io.ctsync.daemon.lifecycle.DaemonState.STOPPED;
import static io.ctsync.daemon.lifecycle.DaemonState.STOPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allowed transitions are exactly the arrows drawn in {@link DaemonState}'s comment. */
class DaemonStateTest {
    private static final Map<DaemonState, Set<DaemonState>> DIAGRAM = Map.of(
            STARTING, EnumSet.of(READY, STOPPING, FAILED),
            READY, EnumSet.of(RELOADING, STOPPING, FAILED),
            RELOADING, EnumSet.of(READY, STOPPING, FAILED),
            STOPPING, EnumSet.of(STOPPED, FAILED),
            STOPPED, EnumSet.noneOf(DaemonState.class),
            FAILED, EnumSet.noneOf(DaemonState.class));

    @Test
    void shouldAllowExactlyTheTransitionsOfTheDiagram() {
        for (DaemonState from : DaemonState.values()) {
            Set<DaemonState> allowed = EnumSet.noneOf(DaemonState.class);
            for (DaemonState to : DaemonState.values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(to);
                }
            }
            assertEquals(DIAGRAM.get(from), allowed, "from " + from);
        }
    }

    @Test
    void shouldHaveOnlyStoppedAndFailedAsTerminalStates() {
        Set<DaemonState> terminal = EnumSet.noneOf(DaemonState.class);
        for (DaemonState s : DaemonState.values()) {
            if (s.isTerminal()) {
                terminal.add(s);
            }
        }
        assertEquals(EnumSet.of(STOPPED, FAILED), terminal);
    }
}
