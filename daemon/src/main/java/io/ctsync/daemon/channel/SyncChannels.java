package io.ctsync.daemon.channel;

import io.ctsync.config.ChannelSettings;
import io.ctsync.config.Settings;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the sync channels of a configuration on the engine's event loop. */
public final class SyncChannels {
    private SyncChannels() {}

    /** One link of the type its settings name. */
    public static SyncChannel create(ChannelSettings settings, EventLoop loop, ChannelOptions options) {
        switch (settings.type()) {
            case UDP:
                return new UdpSyncChannel(settings, loop, options);
            case MULTICAST:
                return new MulticastSyncChannel(settings, loop, options);
            case TCP:
                return new TcpSyncChannel(settings, loop, options);
            default:
                throw new IllegalArgumentException("unknown channel type " + settings.type());
        }
    }

    /** All links of {@code channels} behind one {@link MultiChannel} named {@code sync}. */
    public static MultiChannel create(
            List<ChannelSettings> channels, Duration linkTimeout, EventLoop loop, ChannelOptions options) {
        List<SyncChannel> links = new ArrayList<>(channels.size());
        int defaultIndex = 0;
        for (int i = 0; i < channels.size(); i++) {
            ChannelSettings c = channels.get(i);
            links.add(create(c, loop, options));
            if (c.isDefault()) {
                defaultIndex = i;
            }
        }
        return new MultiChannel("sync", links, defaultIndex, linkTimeout, options.sendErrorThreshold(), loop);
    }

    /** The configuration's links, with its link timeout. */
    public static MultiChannel create(Settings settings, EventLoop loop, ChannelOptions options) {
        return create(settings.channels(), settings.sync().linkTimeout(), loop, options);
    }
}
