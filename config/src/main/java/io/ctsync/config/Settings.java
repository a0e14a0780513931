package io.ctsync.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The complete, validated configuration of a ctsync node: one immutable tree that every part of
 * the daemon reads, whichever file format it came from. Instances come only from
 * {@link SettingsLoader}, which guarantees they are fully valid.
 */
public record Settings(
        NodeSettings node,
        SyncSettings sync,
        List<ChannelSettings> channels,
        CacheSettings cache,
        NetlinkSettings netlink,
        FilterSettings filter,
        ExpectationSettings expectations,
        CommitSettings commit,
        ControlSettings control,
        MetricsSettings metrics,
        LoggingSettings logging) {

    public Settings {
        channels = List.copyOf(channels);
    }

    /** The channel that carries traffic first (exactly one channel is marked default). */
    public ChannelSettings defaultChannel() {
        return channels.stream().filter(ChannelSettings::isDefault).findFirst().orElse(channels.get(0));
    }

    /**
     * Networks the filter ignores on top of {@code filter.addresses.ignore}: loopback (if
     * {@code filter.ignore-loopback}) and every channel's local, peer, multicast-group and
     * multicast-interface address (if {@code filter.ignore-sync-addresses}), as host networks.
     */
    public List<Cidr> implicitAddressIgnores() {
        Set<Cidr> out = new LinkedHashSet<>();
        if (filter.ignoreLoopback()) {
            out.addAll(FilterSettings.LOOPBACK);
        }
        if (filter.ignoreSyncAddresses()) {
            for (ChannelSettings c : channels) {
                List<Optional<InetAddress>> addrs = new ArrayList<>();
                addrs.add(c.localAddress());
                addrs.add(c.peerAddress());
                addrs.add(c.multicastInterfaceAddress());
                addrs.add(c.multicastGroup());
                addrs.forEach(a -> a.filter(x -> !x.isAnyLocalAddress()).ifPresent(x -> out.add(Cidr.host(x))));
            }
        }
        return List.copyOf(out);
    }
}
