package io.ctsync.daemon.lifecycle;

/**
 * Reacts to the daemon's state changes (metrics, the control server's status reply). Called on the
 * transitioning thread with the lifecycle's lock held, after systemd was told: it must return quickly and
 * must not move the lifecycle itself (that throws). An exception it throws is logged; the other listeners
 * still run.
 */
@FunctionalInterface
public interface LifecycleListener {
    void onTransition(Transition transition);
}
