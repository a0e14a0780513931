package io.ctsync.daemon.channel;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redundant sync links (conntrackd's dedicated links): all links receive, only the active one
 * sends. The {@code Default} link (else the first) starts active; a valid message received on a
 * link makes it active, so both nodes converge on the link the peer uses; the active link fails
 * over to the next usable one after repeated send errors, when it goes down, when its interface
 * loses carrier, or when the caller sees no message from the peer within the link timeout.
 *
 * <p>All methods that change state run on the engine's event loop; {@link #status()} and
 * {@link #activeLink()} may be read from anywhere. Time is passed in ({@code nowNanos}).
 */
public final class MultiChannel implements SyncChannel {
    private static final Logger LOG = LoggerFactory.getLogger(MultiChannel.class);
    private static final long UNSET = Long.MIN_VALUE;

    /** Role of a link, as conntrackd's {@code -s link} shows it. */
    public enum Role {
        ACTIVE,
        BACKUP
    }

    /** Why a link is considered failed; each kind ends in its own way. */
    public enum Failure {
        /**
         * Consecutive send errors reached the threshold; ends with a valid message received, or when
         * the link comes up again (TCP reconnect).
         */
        SEND_ERRORS,
        /** The link's state went from UP to DOWN; ends when it is UP again. */
        LINK_DOWN,
        /** Its interface lost UP or RUNNING; ends when it has both again. */
        INTERFACE_DOWN,
        /** No valid message within the link timeout while active; ends with a valid message. */
        PEER_SILENT,
        /** The caller said so; ends with a valid message received. */
        REPORTED
    }

    /**
     * One link's status.
     *
     * @param failure why the link is not used for fail-over, if it is failed
     * @param lastValidNanos when a valid message last arrived on it ({@link Long#MIN_VALUE}: never)
     */
    public record LinkStatus(
            SyncChannel link,
            Role role,
            LinkState state,
            Optional<Failure> failure,
            Optional<String> interfaceName,
            String detail,
            long lastValidNanos) {
        public String name() {
            return link.name();
        }
    }

    private static final class LinkInfo {
        volatile Failure failure;
        volatile long lastValidNanos = UNSET;
        int consecutiveErrors;
        long packetsSentAtLastError = -1;
    }

    private final String name;
    private final List<SyncChannel> links;
    private final LinkInfo[] info;
    private final long linkTimeoutNanos;
    private final int sendErrorThreshold;
    private final EventExecutor executor;
    private volatile int active;
    private long activeSinceNanos = UNSET;
    private boolean noLinkLogged;
    private volatile long failovers;
    private Listener listener;

    /**
     * @param links 1 to 4 links, all unopened
     * @param defaultIndex the link active at start (the {@code Default} one, else 0)
     * @param linkTimeout silence on the active link after which {@link #checkLinkTimeout} fails it
     * @param sendErrorThreshold consecutive send errors that fail the active link
     * @param executor the engine's event loop (futures of {@link #open} and {@link #close})
     */
    public MultiChannel(
            String name,
            List<? extends SyncChannel> links,
            int defaultIndex,
            Duration linkTimeout,
            int sendErrorThreshold,
            EventExecutor executor) {
        this.name = Objects.requireNonNull(name, "name");
        this.links = List.copyOf(links);
        if (this.links.isEmpty()) {
            throw new IllegalArgumentException("a multi-channel needs at least one link");
        }
        Objects.checkIndex(defaultIndex, this.links.size());
        if (sendErrorThreshold < 1) {
            throw new IllegalArgumentException("sendErrorThreshold must be at least 1");
        }
        this.info = new LinkInfo[this.links.size()];
        for (int i = 0; i < info.length; i++) {
            info[i] = new LinkInfo();
        }
        this.active = defaultIndex;
        this.linkTimeoutNanos = linkTimeout.toNanos();
        this.sendErrorThreshold = sendErrorThreshold;
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public String name() {
        return name;
    }

    public List<SyncChannel> links() {
        return links;
    }

    /** The link that sends now. */
    public SyncChannel activeLink() {
        return links.get(active);
    }

    /** How often the active link changed. */
    public long failovers() {
        return failovers;
    }

    /** Every link with its role, state and failure, in configuration order. */
    public List<LinkStatus> status() {
        int a = active;
        List<LinkStatus> out = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            SyncChannel l = links.get(i);
            out.add(new LinkStatus(
                    l,
                    i == a ? Role.ACTIVE : Role.BACKUP,
                    l.state(),
                    Optional.ofNullable(info[i].failure),
                    l.interfaceName(),
                    l.statusDetail(),
                    info[i].lastValidNanos));
        }
        return out;
    }

    /** The smallest payload limit of the links, so a packed payload fits whichever link is active. */
    @Override
    public int payloadLimit() {
        int min = Integer.MAX_VALUE;
        for (SyncChannel l : links) {
            min = Math.min(min, l.payloadLimit());
        }
        return min;
    }

    @Override
    public Future<Void> open(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        Promise<Void> opened = executor.newPromise();
        onExecutor(() -> {
            Members members = new Members();
            PromiseCombiner all = new PromiseCombiner(executor);
            for (SyncChannel l : links) {
                all.add(l.open(members));
            }
            Promise<Void> combined = executor.newPromise();
            combined.addListener(f -> {
                if (f.isSuccess()) {
                    LOG.info("sync links {}: {} is active", name, activeLink().name());
                    opened.setSuccess(null);
                } else {
                    close().addListener(c -> opened.setFailure(f.cause()));
                }
            });
            all.finish(combined);
        });
        return opened;
    }

    /** Sends on the active link. */
    @Override
    public void send(ByteBuf payload) {
        links.get(active).send(payload);
    }

    @Override
    public boolean isWritable() {
        return links.get(active).isWritable();
    }

    /** The active link's state. */
    @Override
    public LinkState state() {
        return links.get(active).state();
    }

    @Override
    public String statusDetail() {
        return "active=" + activeLink().name();
    }

    /** A snapshot: the sum of the links' counters (read the links' own for live values). */
    @Override
    public ChannelCounters counters() {
        ChannelCounters sum = new ChannelCounters();
        for (SyncChannel l : links) {
            l.counters().snapshot().forEach(sum::add);
        }
        return sum;
    }

    @Override
    public Future<Void> close() {
        Promise<Void> done = executor.newPromise();
        onExecutor(() -> {
            PromiseCombiner all = new PromiseCombiner(executor);
            for (SyncChannel l : links) {
                all.add(l.close());
            }
            all.finish(done);
        });
        return done;
    }

    private void onExecutor(Runnable task) {
        if (executor.inEventLoop()) {
            task.run();
        } else {
            executor.execute(task);
        }
    }

    /**
     * The caller validated a message that arrived on {@code link}: the link is healthy, and it
     * becomes the active one if it is not already.
     */
    public void validMessageReceived(SyncChannel link, long nowNanos) {
        int i = indexOf(link);
        LinkInfo li = info[i];
        li.lastValidNanos = nowNanos;
        li.consecutiveErrors = 0;
        Failure f = li.failure;
        if (f != null && f != Failure.LINK_DOWN && f != Failure.INTERFACE_DOWN) {
            li.failure = null;
        }
        if (i != active) {
            switchTo(i, "valid message received on it", nowNanos);
        } else if (activeSinceNanos == UNSET) {
            activeSinceNanos = nowNanos;
        }
    }

    /**
     * Fails the active link over when no valid message arrived on it within the link timeout
     * (counted from the later of its last valid message and its activation). Call it periodically;
     * the first call only starts the clock.
     */
    public void checkLinkTimeout(long nowNanos) {
        if (activeSinceNanos == UNSET) {
            activeSinceNanos = nowNanos;
            return;
        }
        LinkInfo li = info[active];
        long last = Math.max(activeSinceNanos, li.lastValidNanos);
        if (nowNanos - last < linkTimeoutNanos) {
            return;
        }
        if (li.failure == null) {
            fail(
                    active,
                    Failure.PEER_SILENT,
                    "no valid message from the peer within " + Duration.ofNanos(linkTimeoutNanos),
                    nowNanos);
        } else {
            tryFailover(nowNanos);
        }
    }

    /** The caller considers {@code link} dead (e.g. no ACK within its own deadline). */
    public void linkFailed(SyncChannel link, String reason, long nowNanos) {
        fail(indexOf(link), Failure.REPORTED, reason, nowNanos);
    }

    /**
     * Link monitoring: the named interface is (or is no longer) both UP and RUNNING. A link whose
     * interface is down fails over; it is usable again once the interface has both flags (unlike
     * conntrackd, which accepts either flag).
     */
    public void interfaceStateChanged(String interfaceName, boolean upAndRunning, long nowNanos) {
        for (int i = 0; i < links.size(); i++) {
            if (!links.get(i).interfaceName().map(interfaceName::equals).orElse(false)) {
                continue;
            }
            if (!upAndRunning) {
                fail(i, Failure.INTERFACE_DOWN, "interface " + interfaceName + " is down or has no carrier", nowNanos);
            } else if (info[i].failure == Failure.INTERFACE_DOWN) {
                recovered(i, "interface " + interfaceName + " is up", nowNanos);
            }
        }
    }

    private void fail(int i, Failure failure, String reason, long nowNanos) {
        LinkInfo li = info[i];
        if (li.failure == null) {
            li.failure = failure;
            LOG.warn("sync link {}: failed: {}", links.get(i).name(), reason);
        }
        if (i == active) {
            tryFailover(nowNanos);
        }
    }

    private void recovered(int i, String reason, long nowNanos) {
        info[i].failure = null;
        info[i].consecutiveErrors = 0;
        LOG.info("sync link {}: usable again: {}", links.get(i).name(), reason);
        if (info[active].failure != null && links.get(i).state() == LinkState.UP) {
            switchTo(i, reason + ", and the active link " + activeLink().name() + " is failed", nowNanos);
        }
    }

    private void tryFailover(long nowNanos) {
        int n = links.size();
        for (int k = 1; k < n; k++) {
            int c = (active + k) % n;
            if (info[c].failure == null && links.get(c).state() == LinkState.UP) {
                switchTo(c, "fail-over from " + activeLink().name(), nowNanos);
                return;
            }
        }
        if (!noLinkLogged) {
            noLinkLogged = true;
            LOG.error(
                    "sync links {}: no dedicated links available; staying on {}",
                    name,
                    activeLink().name());
        }
    }

    private void switchTo(int i, String reason, long nowNanos) {
        if (i == active) {
            return;
        }
        String previous = activeLink().name();
        active = i;
        activeSinceNanos = nowNanos;
        info[i].consecutiveErrors = 0;
        noLinkLogged = false;
        failovers++;
        LOG.warn(
                "sync links {}: {} becomes the active link ({}); was {}",
                name,
                links.get(i).name(),
                reason,
                previous);
    }

    private int indexOf(SyncChannel link) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i) == link) {
                return i;
            }
        }
        throw new IllegalArgumentException(link.name() + " is not a link of " + name);
    }

    /** The listener installed on every link: forwards payloads, watches states and send errors. */
    private final class Members implements Listener {
        @Override
        public void onPayload(ByteBuf payload, SyncChannel link, InetSocketAddress sender) {
            listener.onPayload(payload, link, sender);
        }

        @Override
        public void onLinkStateChanged(SyncChannel link, LinkState previous, LinkState current) {
            int i = indexOf(link);
            long now = UNSET; // no clock here: the next checkLinkTimeout starts the new link's
            if (previous == LinkState.UP && current == LinkState.DOWN) {
                fail(i, Failure.LINK_DOWN, "link went down", now);
            } else if (current == LinkState.UP
                    && (info[i].failure == Failure.LINK_DOWN || info[i].failure == Failure.SEND_ERRORS)) {
                // a new connection: the writes that failed with the old one say nothing about it
                recovered(i, "link is up again", now);
            }
            listener.onLinkStateChanged(link, previous, current);
        }

        @Override
        public void onSendError(SyncChannel link, ChannelCounter reason) {
            int i = indexOf(link);
            LinkInfo li = info[i];
            long sent = link.counters().packetsSent();
            if (sent != li.packetsSentAtLastError) {
                li.consecutiveErrors = 0;
                li.packetsSentAtLastError = sent;
            }
            li.consecutiveErrors++;
            if (li.consecutiveErrors >= sendErrorThreshold && i == active) {
                fail(i, Failure.SEND_ERRORS, li.consecutiveErrors + " consecutive send errors (" + reason + ")", UNSET);
            }
            listener.onSendError(link, reason);
        }
    }
}
