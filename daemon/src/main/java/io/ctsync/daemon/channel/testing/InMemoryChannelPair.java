package io.ctsync.daemon.channel.testing;

import io.ctsync.daemon.channel.ChannelCounter;
import io.ctsync.daemon.channel.ChannelCounters;
import io.ctsync.daemon.channel.LinkState;
import io.ctsync.daemon.channel.SyncChannel;
import io.ctsync.daemon.channel.SyncChannel.Listener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two {@link SyncChannel} endpoints joined by in-memory wires with seeded loss, reordering and
 * duplication, so that two engines can run in one JVM. Each direction draws its decisions from its
 * own seeded random sequence, so the same sends give the same deliveries. Payloads are delivered
 * either on each endpoint's executor (the engine's event loop) or, in manual mode, only when the
 * test calls {@link #deliverPending()}.
 *
 * <p>Reordering works on the payloads in flight: a reordered payload is inserted up to
 * {@code maxDisplacement} places ahead of those already waiting, or, when none waits, held back
 * until the next delivery round, so that the payloads sent after it arrive first.
 */
public final class InMemoryChannelPair {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryChannelPair.class);
    private final Endpoint a;
    private final Endpoint b;
    private final Wire aToB;
    private final Wire bToA;

    private InMemoryChannelPair(Builder builder) {
        a = new Endpoint(
                builder.nameA,
                builder.payloadLimit,
                new InetSocketAddress(builder.addressA, 3780),
                Optional.ofNullable(builder.interfaceA));
        b = new Endpoint(
                builder.nameB,
                builder.payloadLimit,
                new InetSocketAddress(builder.addressB, 3780),
                Optional.ofNullable(builder.interfaceB));
        aToB = new Wire(builder.aToB, 0x5DEECE66DL, a, b, builder.executorB);
        bToA = new Wire(builder.bToA, 0x9E3779B97F4A7C15L, b, a, builder.executorA);
        a.out = aToB;
        b.out = bToA;
        a.executor = builder.executorA;
        b.executor = builder.executorB;
    }

    /** Manual delivery, the same impairment both ways (each direction with its own sequence). */
    public static InMemoryChannelPair manual(Impairment impairment) {
        return builder().impairment(impairment).build();
    }

    /** Delivery on the receiving endpoint's executor, the same impairment both ways. */
    public static InMemoryChannelPair onExecutors(Impairment impairment, Executor aSide, Executor bSide) {
        return builder().impairment(impairment).executors(aSide, bSide).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Endpoint a() {
        return a;
    }

    public Endpoint b() {
        return b;
    }

    /** What the wire from A to B did so far. */
    public WireStats aToB() {
        return aToB.stats();
    }

    /** What the wire from B to A did so far. */
    public WireStats bToA() {
        return bToA.stats();
    }

    /**
     * Delivers, on the calling thread, one round: everything in flight in both directions now
     * (payloads sent by the listeners during it wait for the next round). Returns how many were
     * delivered.
     */
    public int deliverPending() {
        return aToB.deliverRound() + bToA.deliverRound();
    }

    /** Delivers rounds until nothing is in flight or {@code maxRounds} ran; returns the total. */
    public int deliverUntilQuiet(int maxRounds) {
        int total = 0;
        for (int i = 0; i < maxRounds && (aToB.hasPending() || bToA.hasPending()); i++) {
            total += deliverPending();
        }
        return total;
    }

    /** Whether payloads are still in flight in either direction. */
    public boolean hasPending() {
        return aToB.hasPending() || bToA.hasPending();
    }

    /** Counts of one direction of the wire. */
    public record WireStats(
            long sent, long dropped, long duplicated, long reordered, long delivered, long undeliverable) {}

    /** Configures a pair: names, addresses, payload limit, impairments, delivery executors. */
    public static final class Builder {
        private String nameA = "mem-a";
        private String nameB = "mem-b";
        private String addressA = "192.0.2.1";
        private String addressB = "192.0.2.2";
        private int payloadLimit = 1472;
        private Impairment aToB = Impairment.none();
        private Impairment bToA = Impairment.none();
        private Executor executorA;
        private Executor executorB;
        private String interfaceA;
        private String interfaceB;

        public Builder names(String a, String b) {
            this.nameA = Objects.requireNonNull(a);
            this.nameB = Objects.requireNonNull(b);
            return this;
        }

        /** Source addresses the endpoints report to listeners (literal IPs, port 3780). */
        public Builder addresses(String a, String b) {
            this.addressA = Objects.requireNonNull(a);
            this.addressB = Objects.requireNonNull(b);
            return this;
        }

        /** Interface names the endpoints report (for link-monitoring tests). */
        public Builder interfaces(String a, String b) {
            this.interfaceA = a;
            this.interfaceB = b;
            return this;
        }

        public Builder payloadLimit(int limit) {
            this.payloadLimit = limit;
            return this;
        }

        /** The same impairment both ways (each direction with its own random sequence). */
        public Builder impairment(Impairment both) {
            return impairment(both, both);
        }

        public Builder impairment(Impairment aToB, Impairment bToA) {
            this.aToB = Objects.requireNonNull(aToB);
            this.bToA = Objects.requireNonNull(bToA);
            return this;
        }

        /** Deliver to A on {@code aSide} and to B on {@code bSide}; without it delivery is manual. */
        public Builder executors(Executor aSide, Executor bSide) {
            this.executorA = Objects.requireNonNull(aSide);
            this.executorB = Objects.requireNonNull(bSide);
            return this;
        }

        public InMemoryChannelPair build() {
            if ((executorA == null) != (executorB == null)) {
                throw new IllegalStateException("give both executors or none");
            }
            return new InMemoryChannelPair(this);
        }
    }

    /** One side of the pair, usable wherever a socket channel is. */
    public static final class Endpoint implements SyncChannel {
        private final String name;
        private final int payloadLimit;
        private final InetSocketAddress address;
        private final Optional<String> interfaceName;
        private final ChannelCounters counters = new ChannelCounters();
        private Wire out;
        private Executor executor;
        private volatile Listener listener;
        private volatile LinkState state = LinkState.CLOSED;
        private volatile boolean broken;

        Endpoint(String name, int payloadLimit, InetSocketAddress address, Optional<String> interfaceName) {
            this.name = name;
            this.payloadLimit = payloadLimit;
            this.address = address;
            this.interfaceName = interfaceName;
        }

        @Override
        public Optional<String> interfaceName() {
            return interfaceName;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int payloadLimit() {
            return payloadLimit;
        }

        @Override
        public Future<Void> open(Listener listener) {
            this.listener = Objects.requireNonNull(listener);
            changeState(LinkState.UP);
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }

        @Override
        public void send(ByteBuf payload) {
            try {
                if (state == LinkState.CLOSED) {
                    failed(ChannelCounter.SEND_CLOSED);
                } else if (broken || state != LinkState.UP) {
                    failed(ChannelCounter.SEND_FAILED);
                } else {
                    int bytes = payload.readableBytes();
                    out.transmit(ByteBufUtil.getBytes(payload));
                    counters.sent(bytes);
                }
            } finally {
                payload.release();
            }
        }

        @Override
        public boolean isWritable() {
            return state == LinkState.UP && !broken;
        }

        @Override
        public LinkState state() {
            return state;
        }

        @Override
        public ChannelCounters counters() {
            return counters;
        }

        @Override
        public Future<Void> close() {
            changeState(LinkState.CLOSED);
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }

        /** While broken, every send fails (counted as {@link ChannelCounter#SEND_FAILED}). */
        public void setBroken(boolean broken) {
            this.broken = broken;
        }

        /** Simulates the link going down ({@link LinkState#DOWN}) or up again; the listener hears of it. */
        public void setUp(boolean up) {
            if (state != LinkState.CLOSED) {
                changeState(up ? LinkState.UP : LinkState.DOWN);
            }
        }

        /** The address this endpoint's payloads come from. */
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public String toString() {
            return name;
        }

        private void failed(ChannelCounter reason) {
            counters.sendError(reason);
            Listener l = listener;
            if (l != null) {
                run(() -> l.onSendError(this, reason));
            }
        }

        private void changeState(LinkState next) {
            LinkState previous = state;
            if (previous == next) {
                return;
            }
            state = next;
            Listener l = listener;
            if (l != null) {
                run(() -> l.onLinkStateChanged(this, previous, next));
            }
        }

        private void run(Runnable r) {
            if (executor == null) {
                r.run();
            } else {
                executor.execute(r);
            }
        }

        /** The listener to deliver to, or null if nobody listens (not open, or closed). */
        Listener receiver() {
            return state == LinkState.CLOSED ? null : listener;
        }

        /** Called by the wire on the delivering thread. */
        void receive(Listener l, byte[] payload, InetSocketAddress from) {
            ByteBuf buf = Unpooled.wrappedBuffer(payload);
            counters.received(payload.length);
            try {
                l.onPayload(buf, this, from);
            } catch (RuntimeException e) {
                counters.increment(ChannelCounter.LISTENER_FAILURES);
                LOG.error("in-memory channel {}: the receive listener failed", name, e);
            } finally {
                buf.release();
            }
        }
    }

    /** One direction: applies the impairment and holds payloads until delivery. */
    private static final class Wire {
        private final Impairment impairment;
        private final SplittableRandom random;
        private final Endpoint from;
        private final Endpoint to;
        private final Executor executor;
        private List<byte[]> inFlight = new ArrayList<>();
        private List<byte[]> heldBack = new ArrayList<>();
        private boolean drainScheduled;
        private long sent;
        private long dropped;
        private long duplicated;
        private long reordered;
        private long delivered;
        private long undeliverable;

        Wire(Impairment impairment, long salt, Endpoint from, Endpoint to, Executor executor) {
            this.impairment = impairment;
            this.random = new SplittableRandom(impairment.seed() ^ salt);
            this.from = from;
            this.to = to;
            this.executor = executor;
        }

        synchronized void transmit(byte[] payload) {
            sent++;
            if (impairment.loss() > 0 && random.nextDouble() < impairment.loss()) {
                dropped++;
                return;
            }
            boolean twice = impairment.duplicate() > 0 && random.nextDouble() < impairment.duplicate();
            place(payload);
            if (twice) {
                duplicated++;
                place(payload.clone());
            }
            scheduleDrain();
        }

        private void place(byte[] payload) {
            if (impairment.reorder() > 0 && random.nextDouble() < impairment.reorder()) {
                reordered++;
                if (inFlight.isEmpty()) {
                    heldBack.add(payload);
                } else {
                    int displacement = 1 + random.nextInt(Math.min(impairment.maxDisplacement(), inFlight.size()));
                    inFlight.add(inFlight.size() - displacement, payload);
                }
            } else {
                inFlight.add(payload);
            }
        }

        private void scheduleDrain() {
            if (executor != null && !drainScheduled) {
                drainScheduled = true;
                executor.execute(this::drain);
            }
        }

        private void drain() {
            synchronized (this) {
                drainScheduled = false;
            }
            deliverRound();
            synchronized (this) {
                if (!inFlight.isEmpty() || !heldBack.isEmpty()) {
                    scheduleDrain();
                }
            }
        }

        /** Delivers what is in flight now; held-back payloads join the next round. */
        int deliverRound() {
            List<byte[]> batch;
            synchronized (this) {
                batch = inFlight;
                inFlight = heldBack;
                heldBack = new ArrayList<>();
                if (batch.isEmpty()) {
                    return 0;
                }
            }
            int count = 0;
            for (byte[] p : batch) {
                Listener l = to.receiver();
                synchronized (this) {
                    if (l == null) {
                        undeliverable++;
                        continue;
                    }
                    delivered++;
                    count++;
                }
                to.receive(l, p, from.address);
            }
            return count;
        }

        synchronized boolean hasPending() {
            return !inFlight.isEmpty() || !heldBack.isEmpty();
        }

        synchronized WireStats stats() {
            return new WireStats(sent, dropped, duplicated, reordered, delivered, undeliverable);
        }
    }
}
