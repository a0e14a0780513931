package io.ctsync.daemon.netlink;

import io.ctsync.protocol.ctnetlink.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Records conntrack events and overruns from a subscriber and waits for them in tests. */
final class EventRecorder implements EventListener<ConntrackEvent> {
    private final List<ConntrackEvent> events = new ArrayList<>();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong batches = new AtomicLong();

    @Override
    public synchronized void onEvents(List<ConntrackEvent> batch) {
        batches.incrementAndGet();
        events.addAll(batch);
        notifyAll();
    }

    @Override
    public void onEventsLost(long overruns) {
        lost.set(overruns);
    }

    synchronized List<ConntrackEvent> events() {
        return List.copyOf(events);
    }

    synchronized void clear() {
        events.clear();
    }

    /** Entry events of {@code kind} recorded so far. */
    synchronized List<ConntrackEvent.EntryEvent> entries(MessageKind kind) {
        List<ConntrackEvent.EntryEvent> out = new ArrayList<>();
        for (ConntrackEvent e : events) {
            if (e instanceof ConntrackEvent.EntryEvent ee && ee.kind() == kind) {
                out.add(ee);
            }
        }
        return out;
    }

    /** Waits up to 10 s until at least {@code n} recorded events match; returns the matching ones. */
    synchronized List<ConntrackEvent> await(int n, Predicate<ConntrackEvent> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<ConntrackEvent> hits = events.stream().filter(match).toList();
            long left = deadline - System.nanoTime();
            if (hits.size() >= n || left <= 0) {
                return hits;
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }
}
