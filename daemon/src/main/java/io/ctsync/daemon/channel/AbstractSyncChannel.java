package io.ctsync.daemon.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Common part of the socket channels: the event loop, the listener, the state machine with its
 * transition log, the counters, and delivery of received payloads to the listener.
 */
abstract class AbstractSyncChannel implements SyncChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SyncChannel.class);

    protected final String name;
    protected final EventLoop loop;
    protected final Transport transport;
    protected final ChannelCounters counters = new ChannelCounters();
    protected Listener listener;
    private volatile LinkState state = LinkState.CLOSED;
    private boolean listenerFailureLogged;
    private Promise<Void> closeFuture;

    AbstractSyncChannel(String name, EventLoop loop) {
        this.name = Objects.requireNonNull(name, "name");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.transport = Transport.of(loop);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final LinkState state() {
        return state;
    }

    @Override
    public final ChannelCounters counters() {
        return counters;
    }

    @Override
    public final Future<Void> open(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Promise<Void> opened = loop.newPromise();
        loop.execute(() -> {
            if (state != LinkState.CLOSED || closeFuture != null) {
                opened.tryFailure(new IllegalStateException("channel " + name + " was already opened"));
                return;
            }
            this.listener = listener;
            setState(LinkState.OPENING);
            try {
                doOpen(opened);
            } catch (Exception | LinkageError e) {
                failOpen(opened, e);
            }
        });
        return opened;
    }

    @Override
    public final void send(ByteBuf payload) {
        if (loop.inEventLoop()) {
            sendOnLoop(payload);
        } else {
            loop.execute(() -> sendOnLoop(payload));
        }
    }

    @Override
    public final Future<Void> close() {
        Promise<Void> done = loop.newPromise();
        loop.execute(() -> {
            if (closeFuture != null) {
                closeFuture.addListener(f -> done.trySuccess(null));
                return;
            }
            closeFuture = done;
            if (state == LinkState.CLOSED) {
                done.trySuccess(null);
                return;
            }
            doClose().addListener(f -> {
                setState(LinkState.CLOSED);
                done.trySuccess(null);
            });
        });
        return done;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Binds the sockets (on the loop); completes {@code opened} when ready. */
    protected abstract void doOpen(Promise<Void> opened) throws Exception;

    /** Sends on the loop; the state is not CLOSED. */
    protected abstract void doSend(ByteBuf payload);

    /** Closes every socket (on the loop). */
    protected abstract Future<?> doClose();

    protected final void failOpen(Promise<Void> opened, Throwable cause) {
        LOG.error("sync channel {}: cannot open: {}", name, cause.toString());
        doClose().addListener(f -> {
            setState(LinkState.CLOSED);
            opened.tryFailure(cause);
        });
    }

    protected final void setState(LinkState next) {
        LinkState previous = state;
        if (previous == next) {
            return;
        }
        state = next;
        if (previous == LinkState.UP && next == LinkState.DOWN) {
            LOG.warn("sync channel {}: {} -> {}", name, previous, next);
        } else {
            LOG.info("sync channel {}: {} -> {}", name, previous, next);
        }
        if (listener != null) {
            listener.onLinkStateChanged(this, previous, next);
        }
    }

    /** Counts and reports one failed send. */
    protected final void sendFailed(ChannelCounter reason) {
        counters.sendError(reason);
        if (listener != null) {
            listener.onSendError(this, reason);
        }
    }

    /** Counts and hands one received payload to the listener; does not release it. */
    protected final void deliver(ByteBuf payload, InetSocketAddress sender) {
        counters.received(payload.readableBytes());
        try {
            listener.onPayload(payload, this, sender);
        } catch (RuntimeException e) {
            counters.increment(ChannelCounter.LISTENER_FAILURES);
            if (!listenerFailureLogged) {
                listenerFailureLogged = true;
                LOG.error("sync channel {}: the receive listener failed (further failures only counted)", name, e);
            }
        }
    }

    private void sendOnLoop(ByteBuf payload) {
        LinkState s = state;
        if (s == LinkState.CLOSED || s == LinkState.OPENING || closeFuture != null) {
            payload.release();
            sendFailed(ChannelCounter.SEND_CLOSED);
            return;
        }
        doSend(payload);
    }

    static Logger log() {
        return LOG;
    }
}
