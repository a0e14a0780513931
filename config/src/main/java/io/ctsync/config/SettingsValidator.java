package io.ctsync.config;

import com.typesafe.config.ConfigOrigin;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-field rules over mapped settings (one transport type, exactly one default channel,
 * multicast needs a group and an interface, address families agree, …); also normalises the
 * default-channel flag. Runs only on settings whose individual values are all valid.
 */
final class SettingsValidator {
    private final Problems problems;
    private final Map<String, ConfigOrigin> origins;
    private final ConfigOrigin userFile;

    /**
     * @param origins origins recorded by the mapper
     * @param userFile where to point when a rule concerns values that all come from
     *     reference.conf (the user's file, no line)
     */
    SettingsValidator(Problems problems, Map<String, ConfigOrigin> origins, ConfigOrigin userFile) {
        this.problems = problems;
        this.origins = origins;
        this.userFile = userFile;
    }

    Settings validate(Settings s) {
        List<ChannelSettings> channels = channels(s.channels());
        sync(s);
        netlink(s.netlink());
        control(s.control());
        if (s.expectations().helpers().size() > 0 && !s.expectations().enabled()) {
            problems.warning(
                    at("expectations.helpers"),
                    "expectations.helpers",
                    "has no effect while expectations.enabled = false");
        }
        if (s.commit().timeout().isPresent() && !s.cache().external()) {
            problems.warning(
                    at("commit.timeout"),
                    "commit.timeout",
                    "has no effect with cache.external = false (entries are injected with the timeout they arrive with)");
        }
        return new Settings(
                s.node(),
                s.sync(),
                channels,
                s.cache(),
                s.netlink(),
                s.filter(),
                s.expectations(),
                s.commit(),
                s.control(),
                s.metrics(),
                s.logging());
    }

    private void sync(Settings s) {
        SyncSettings sync = s.sync();
        if (!s.cache().internal() && sync.mode() != SyncMode.NOTRACK) {
            problems.error(
                    at("cache.internal"),
                    "cache.internal",
                    "false with sync.mode = " + SettingsMapper.configName(sync.mode()),
                    "true (only notrack can run without an internal cache)");
        }
        if (sync.mode() == SyncMode.ALARM
                && sync.alarm()
                                .cacheTimeout()
                                .compareTo(sync.alarm().refreshTime().plusSeconds(1))
                        <= 0) {
            problems.error(
                    at("sync.alarm.cache-timeout"),
                    "sync.alarm.cache-timeout",
                    SettingsMapper.formatDuration(sync.alarm().cacheTimeout()),
                    "more than sync.alarm.refresh-time + 1s ("
                            + SettingsMapper.formatDuration(
                                    sync.alarm().refreshTime().plusSeconds(1))
                            + "), or peer entries expire before they are refreshed");
        }
        if (sync.mode() != SyncMode.ALARM && sync.linkTimeout().compareTo(sync.aliveInterval()) <= 0) {
            problems.error(
                    at("sync.link-timeout"),
                    "sync.link-timeout",
                    SettingsMapper.formatDuration(sync.linkTimeout()),
                    "more than sync.alive-interval (" + SettingsMapper.formatDuration(sync.aliveInterval()) + ")");
        }
        String mode = SettingsMapper.configName(sync.mode());
        if (sync.mode() != SyncMode.ALARM) {
            for (String k : List.of("sync.alarm.refresh-time", "sync.alarm.cache-timeout")) {
                if (userSet(k)) {
                    problems.warning(at(k), k, "has no effect in sync.mode = " + mode + " (alarm only)");
                }
            }
        }
        if (sync.mode() != SyncMode.FTFW) {
            for (String k :
                    List.of("sync.ftfw.ack-window", "sync.ftfw.resend-queue-size", "sync.ftfw.resend-queue-bytes")) {
                if (userSet(k)) {
                    problems.warning(at(k), k, "has no effect in sync.mode = " + mode + " (ftfw only)");
                }
            }
        }
    }

    /** Below this, a burst of new connections overruns the event socket (about 1.3 KiB per queued event). */
    static final long SMALL_EVENT_BUFFER = 16L * 1024 * 1024;

    private void netlink(NetlinkSettings n) {
        if (n.eventBufferSize() < SMALL_EVENT_BUFFER && n.pollInterval().isEmpty()) {
            problems.warning(
                    at("netlink.event-buffer-size"),
                    "netlink.event-buffer-size",
                    "is small (" + SettingsMapper.formatSize(n.eventBufferSize())
                            + "): each queued event takes about 1.3 KiB, so a burst of more than about "
                            + n.eventBufferSize() / 1331
                            + " new connections overruns it and forces a resync; ctsync's default is 64MiB");
        }
        if (n.eventBufferMaxSize() < n.eventBufferSize()) {
            problems.error(
                    at("netlink.event-buffer-max-size"),
                    "netlink.event-buffer-max-size",
                    SettingsMapper.formatSize(n.eventBufferMaxSize()),
                    "at least netlink.event-buffer-size (" + SettingsMapper.formatSize(n.eventBufferSize()) + ")");
        }
    }

    private void control(ControlSettings c) {
        int mode = c.socketMode();
        String shown = String.format("\"%04o\"", mode);
        if ((mode & 0007) != 0) {
            problems.error(
                    at("control.socket-mode"),
                    "control.socket-mode",
                    shown,
                    "no permissions for others (\"0600\" or \"0660\"): anyone allowed on the socket can flush, commit or stop the daemon");
        } else if ((mode & 0600) != 0600) {
            problems.error(
                    at("control.socket-mode"),
                    "control.socket-mode",
                    shown,
                    "read and write for the owner (\"0600\" or \"0660\")");
        } else if ((mode & 0070) != 0 && c.group().isEmpty()) {
            problems.error(
                    at("control.socket-mode"),
                    "control.group",
                    "null with socket-mode " + shown,
                    "a group name or number when the mode grants group access");
        } else if ((mode & 0060) != 0060 && c.group().isPresent()) {
            problems.warning(
                    at("control.group"),
                    "control.group",
                    "has no effect with socket-mode " + shown + "; use \"0660\" to let the group in");
        }
    }

    private List<ChannelSettings> channels(List<ChannelSettings> in) {
        if (in.isEmpty()) {
            return in;
        }
        ChannelType type = in.get(0).type();
        int defaults = 0;
        Set<String> names = new HashSet<>();
        Map<String, Integer> binds = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
            ChannelSettings c = in.get(i);
            String p = "channels[" + i + "]";
            if (c.type() != type) {
                problems.error(
                        at(p + ".type"),
                        p + ".type",
                        SettingsMapper.configName(c.type()),
                        SettingsMapper.configName(type) + " like channels[0]: all channels use one transport type");
            }
            if (c.isDefault()) {
                defaults++;
                if (defaults > 1) {
                    problems.error(
                            at(p + ".default"),
                            p + ".default",
                            "a second default channel",
                            "at most one channel with default = true");
                }
            }
            if (!names.add(c.name())) {
                problems.error(
                        at(p + ".name"),
                        p + ".name",
                        "\"" + c.name() + "\" a second time",
                        "a name unique among the channels");
            }
            channel(c, p);
            String bind = c.type() + "/"
                    + c.localAddress().map(Addresses::format).orElse("*") + "/" + c.port()
                    + (c.type() == ChannelType.MULTICAST
                            ? "/" + c.multicastGroup().map(Addresses::format).orElse("")
                            : "");
            Integer other = binds.putIfAbsent(bind, i);
            if (other != null) {
                problems.error(
                        at(p + ".port"),
                        p + ".port",
                        "number " + c.port() + ", as channels[" + other + "]",
                        "a port (or local address) different from the other channels'");
            }
        }
        List<ChannelSettings> out = new ArrayList<>();
        boolean any = in.stream().anyMatch(ChannelSettings::isDefault);
        for (int i = 0; i < in.size(); i++) {
            ChannelSettings c = in.get(i);
            boolean isDefault = any ? c.isDefault() : i == 0;
            out.add(new ChannelSettings(
                    c.name(),
                    c.type(),
                    isDefault,
                    c.interfaceName(),
                    c.localAddress(),
                    c.peerAddress(),
                    c.port(),
                    c.multicastGroup(),
                    c.multicastInterfaceAddress(),
                    c.sendBuffer(),
                    c.receiveBuffer(),
                    c.checksum(),
                    c.mtu()));
        }
        return out;
    }

    private void channel(ChannelSettings c, String p) {
        String type = SettingsMapper.configName(c.type());
        if (c.type() == ChannelType.MULTICAST) {
            if (c.multicastGroup().isEmpty()) {
                problems.error(
                        at(p + ".multicast-group"),
                        p + ".multicast-group",
                        "nothing",
                        "a multicast group address for a multicast channel (e.g. 225.0.0.50 or ff02::3780)");
            } else if (!c.multicastGroup().get().isMulticastAddress()) {
                problems.error(
                        at(p + ".multicast-group"),
                        p + ".multicast-group",
                        Addresses.format(c.multicastGroup().get()),
                        "a multicast address (224.0.0.0/4 or ff00::/8)");
            }
            if (c.interfaceName().isEmpty()) {
                problems.error(
                        at(p + ".interface"),
                        p + ".interface",
                        "nothing",
                        "the network interface to join the group on (required for multicast)");
            }
            notSet(c.peerAddress(), p, "peer-address", "a multicast channel (the group is the destination)");
            notSet(c.localAddress(), p, "local-address", "a multicast channel (it binds to the group)");
            if (c.multicastInterfaceAddress().isPresent()) {
                InetAddress ifa = c.multicastInterfaceAddress().get();
                if (c.family() == AddressFamily.IPV6) {
                    problems.error(
                            at(p + ".multicast-interface-address"),
                            p + ".multicast-interface-address",
                            Addresses.format(ifa),
                            "nothing for an IPv6 group (IPv6 multicast uses `interface`)");
                } else if (Addresses.family(ifa) != AddressFamily.IPV4 || ifa.isMulticastAddress()) {
                    problems.error(
                            at(p + ".multicast-interface-address"),
                            p + ".multicast-interface-address",
                            Addresses.format(ifa),
                            "the IPv4 unicast address of the interface sending to IPv4 group "
                                    + Addresses.format(c.multicastGroup().orElse(ifa)));
                }
            }
        } else {
            notSet(c.multicastGroup(), p, "multicast-group", "a " + type + " channel (set type = multicast)");
            notSet(c.multicastInterfaceAddress(), p, "multicast-interface-address", "a " + type + " channel");
            if (c.peerAddress().isEmpty()) {
                problems.error(
                        at(p + ".peer-address"),
                        p + ".peer-address",
                        "nothing",
                        "the peer's IPv4/IPv6 address (required for " + type + "; env CTSYNC_PEER_ADDRESS)");
            } else {
                InetAddress peer = c.peerAddress().get();
                if (peer.isMulticastAddress() || peer.isAnyLocalAddress()) {
                    problems.error(
                            at(p + ".peer-address"),
                            p + ".peer-address",
                            Addresses.format(peer),
                            "a unicast address"
                                    + (peer.isMulticastAddress() ? " (use type = multicast for a group)" : ""));
                }
                if (c.localAddress().isPresent()
                        && Addresses.family(c.localAddress().get()) != Addresses.family(peer)) {
                    problems.error(
                            at(p + ".local-address"),
                            p + ".local-address",
                            Addresses.format(c.localAddress().get()),
                            "an address of the same family as peer-address " + Addresses.format(peer));
                }
                if (peer instanceof Inet6Address
                        && peer.isLinkLocalAddress()
                        && c.interfaceName().isEmpty()) {
                    problems.error(
                            at(p + ".interface"),
                            p + ".interface",
                            "nothing",
                            "an interface name: link-local peer " + Addresses.format(peer) + " needs a scope");
                }
            }
            c.localAddress()
                    .filter(InetAddress::isMulticastAddress)
                    .ifPresent(a -> problems.error(
                            at(p + ".local-address"),
                            p + ".local-address",
                            Addresses.format(a),
                            "a local unicast address of this node"));
            if (c.type() == ChannelType.TCP && !c.checksum() && userSet(p + ".checksum")) {
                problems.warning(at(p + ".checksum"), p + ".checksum", "has no effect on tcp channels");
            }
        }
        if (c.mtu() != 0 && c.family() == AddressFamily.IPV6 && c.mtu() < 1280) {
            problems.error(at(p + ".mtu"), p + ".mtu", "number " + c.mtu(), "0 or 1280..65535 for an IPv6 channel");
        }
    }

    private void notSet(Optional<InetAddress> v, String p, String key, String what) {
        v.ifPresent(a -> problems.error(at(p + "." + key), p + "." + key, Addresses.format(a), "nothing for " + what));
    }

    /**
     * The origin of a key if the user set it, else of its closest parent the user set (a channel
     * block), else the user's file without a line.
     */
    private ConfigOrigin at(String key) {
        String k = key;
        while (true) {
            ConfigOrigin o = origins.get(k);
            if (o != null && !isReference(o)) {
                return o;
            }
            int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
            if (cut <= 0) {
                return userFile;
            }
            k = k.substring(0, cut);
        }
    }

    private static boolean isReference(ConfigOrigin o) {
        return "reference.conf".equals(o.resource());
    }

    /** Whether the value of a key came from the user (file, environment), not from reference.conf. */
    private boolean userSet(String key) {
        ConfigOrigin o = origins.get(key);
        return o != null && !isReference(o);
    }
}
