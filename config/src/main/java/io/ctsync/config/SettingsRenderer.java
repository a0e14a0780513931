package io.ctsync.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes {@link Settings} as ctsync HOCON, either every key (the effective settings shown by
 * {@code --check-config}) or only what differs from reference.conf (the readable output of
 * {@code --convert-config}). Either text loads back to equal settings.
 */
public final class SettingsRenderer {
    private SettingsRenderer() {}

    /** Every setting, in reference.conf's order. */
    public static String renderFull(Settings s) {
        return print(tree(s));
    }

    /** Only the settings that differ from reference.conf; channels are always written. */
    public static String renderMinimal(Settings s) {
        Map<String, Object> full = tree(s);
        Map<String, Object> defaults = tree(SettingsLoader.referenceDefaults());
        Map<String, Object> out = diff(full, defaults);
        Map<String, Object> ctsync = child(out, SettingsLoader.ROOT);
        ctsync.put("channels", minimalChannels(s.channels()));
        reorder(ctsync, child(full, SettingsLoader.ROOT));
        return print(out);
    }

    // ---- tree ----

    private static Map<String, Object> tree(Settings s) {
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, Object> node = block(c, "node");
        node.put("name", str(s.node().name()));
        node.put("role", name(s.node().role()));
        node.put("lock-file", opt(s.node().lockFile().map(p -> str(p.toString()))));
        node.put("systemd-notify", bool(s.node().systemdNotify()));

        SyncSettings y = s.sync();
        Map<String, Object> sync = block(c, "sync");
        sync.put("mode", name(y.mode()));
        sync.put("alive-interval", dur(y.aliveInterval()));
        sync.put("startup-resync", bool(y.startupResync()));
        sync.put("purge-timeout", dur(y.purgeTimeout()));
        sync.put("link-timeout", dur(y.linkTimeout()));
        sync.put("stall-threshold", dur(y.stallThreshold()));
        Map<String, Object> ftfw = block(sync, "ftfw");
        ftfw.put("ack-window", Integer.toString(y.ftfw().ackWindow()));
        ftfw.put("resend-queue-size", Integer.toString(y.ftfw().resendQueueSize()));
        ftfw.put("resend-queue-bytes", size(y.ftfw().resendQueueBytes()));
        Map<String, Object> alarm = block(sync, "alarm");
        alarm.put("refresh-time", dur(y.alarm().refreshTime()));
        alarm.put("cache-timeout", dur(y.alarm().cacheTimeout()));
        Map<String, Object> peer = block(sync, "peer");
        peer.put("nat-port-byte-order", name(y.peer().natPortByteOrder()));
        peer.put("legacy-nat-address-order", bool(y.peer().legacyNatAddressOrder()));
        peer.put("send-zone", bool(y.peer().sendZone()));
        peer.put("send-synproxy", bool(y.peer().sendSynproxy()));

        List<Map<String, Object>> channels = new ArrayList<>();
        for (ChannelSettings ch : s.channels()) {
            channels.add(channel(ch));
        }
        c.put("channels", channels);

        Map<String, Object> cache = block(c, "cache");
        cache.put("external", bool(s.cache().external()));
        cache.put("internal", bool(s.cache().internal()));

        NetlinkSettings n = s.netlink();
        Map<String, Object> nl = block(c, "netlink");
        nl.put("event-buffer-size", size(n.eventBufferSize()));
        nl.put("event-buffer-max-size", size(n.eventBufferMaxSize()));
        nl.put("reliable-events", bool(n.reliableEvents()));
        nl.put("overrun-resync", bool(n.overrunResync()));
        nl.put("overrun-resync-delay", dur(n.overrunResyncDelay()));
        nl.put("dump-buffer-size", size(n.dumpBufferSize()));
        nl.put("poll-interval", opt(n.pollInterval().map(SettingsRenderer::dur)));

        FilterSettings f = s.filter();
        Map<String, Object> filter = block(c, "filter");
        filter.put("location", name(f.location()));
        selection(filter, "protocols", f.protocols(), p -> str(IpProtocols.name(p)));
        selection(filter, "addresses", f.addresses(), a -> str(a.toString()));
        filter.put("ignore-loopback", bool(f.ignoreLoopback()));
        filter.put("ignore-sync-addresses", bool(f.ignoreSyncAddresses()));
        selection(filter, "tcp-states", f.tcpStates(), TcpState::name);
        selection(filter, "marks", f.marks(), m -> str(m.toString()));
        selection(filter, "zones", f.zones(), z -> Integer.toString(z));
        selection(filter, "labels", f.labels(), l -> Integer.toString(l));
        filter.put("min-age", dur(f.minAge()));

        Map<String, Object> exp = block(c, "expectations");
        exp.put("enabled", bool(s.expectations().enabled()));
        exp.put("helpers", list(s.expectations().helpers(), SettingsRenderer::str));

        CommitSettings cm = s.commit();
        Map<String, Object> commit = block(c, "commit");
        commit.put("batch-size", Integer.toString(cm.batchSize()));
        commit.put("timeout", opt(cm.timeout().map(SettingsRenderer::dur)));
        commit.put("fallback-timeout", dur(cm.fallbackTimeout()));
        commit.put("tcp-window-tracking", bool(cm.tcpWindowTracking()));

        ControlSettings ct = s.control();
        Map<String, Object> control = block(c, "control");
        control.put("socket-path", str(ct.socketPath().toString()));
        control.put("socket-mode", str(String.format("%04o", ct.socketMode())));
        control.put("group", opt(ct.group().map(SettingsRenderer::str)));
        control.put("max-clients", Integer.toString(ct.maxClients()));
        control.put("request-timeout", dur(ct.requestTimeout()));

        MetricsSettings m = s.metrics();
        Map<String, Object> metrics = block(c, "metrics");
        metrics.put("enabled", bool(m.enabled()));
        metrics.put("address", str(Addresses.format(m.address())));
        metrics.put("port", Integer.toString(m.port()));
        metrics.put("path", str(m.path()));
        metrics.put("jvm", bool(m.jvm()));

        Map<String, Object> logging = block(c, "logging");
        logging.put("level", name(s.logging().level()));
        logging.put("syslog-prefix", name(s.logging().syslogPrefix()));

        Map<String, Object> root = new LinkedHashMap<>();
        root.put(SettingsLoader.ROOT, c);
        return root;
    }

    private static Map<String, Object> channel(ChannelSettings ch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", str(ch.name()));
        m.put("type", name(ch.type()));
        m.put("default", bool(ch.isDefault()));
        m.put("interface", opt(ch.interfaceName().map(SettingsRenderer::str)));
        m.put("local-address", addr(ch.localAddress()));
        m.put("peer-address", addr(ch.peerAddress()));
        m.put("port", Integer.toString(ch.port()));
        m.put("multicast-group", addr(ch.multicastGroup()));
        m.put("multicast-interface-address", addr(ch.multicastInterfaceAddress()));
        m.put("send-buffer", size(ch.sendBuffer()));
        m.put("receive-buffer", size(ch.receiveBuffer()));
        m.put("checksum", bool(ch.checksum()));
        m.put("mtu", Integer.toString(ch.mtu()));
        return m;
    }

    private static List<Map<String, Object>> minimalChannels(List<ChannelSettings> channels) {
        Map<String, Object> defaults =
                channel(SettingsLoader.referenceDefaults().channels().get(0));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            ChannelSettings ch = channels.get(i);
            Map<String, Object> m = channel(ch);
            m.entrySet()
                    .removeIf(e -> e.getValue().equals(defaults.get(e.getKey()))
                            && !e.getKey().equals("type"));
            if (ch.name().equals(ChannelSettings.autoName(ch.type(), i))) {
                m.remove("name");
            }
            if (i == 0) {
                m.remove("default"); // the first channel is the default unless another one says so
            }
            out.add(m);
        }
        return out;
    }

    private static <T> void selection(
            Map<String, Object> parent, String key, Selection<T> sel, Function<? super T, String> fmt) {
        Map<String, Object> b = block(parent, key);
        b.put("accept", list(sel.accept(), fmt));
        b.put("ignore", list(sel.ignore(), fmt));
    }

    private static <T> String list(List<T> items, Function<? super T, String> fmt) {
        return "[" + String.join(", ", items.stream().map(fmt).toList()) + "]";
    }

    private static Map<String, Object> block(Map<String, Object> parent, String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        parent.put(key, m);
        return m;
    }

    // ---- minimal output ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> diff(Map<String, Object> full, Map<String, Object> defaults) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : full.entrySet()) {
            Object d = defaults.get(e.getKey());
            if (e.getValue() instanceof Map && d instanceof Map) {
                Map<String, Object> sub = diff((Map<String, Object>) e.getValue(), (Map<String, Object>) d);
                if (!sub.isEmpty()) {
                    out.put(e.getKey(), sub);
                }
            } else if (!(e.getValue() instanceof List) && !e.getValue().equals(d)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    /** Puts the keys of {@code m} back into the order of {@code order}. */
    private static void reorder(Map<String, Object> m, Map<String, Object> order) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        m.clear();
        for (String k : order.keySet()) {
            if (copy.containsKey(k)) {
                m.put(k, copy.get(k));
            }
        }
    }

    // ---- printing ----

    private static String print(Map<String, Object> root) {
        StringBuilder sb = new StringBuilder();
        printBlock(sb, root, 0);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void printBlock(StringBuilder sb, Map<String, Object> m, int depth) {
        String indent = "  ".repeat(depth);
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map) {
                sb.append(indent).append(e.getKey()).append(" {\n");
                printBlock(sb, (Map<String, Object>) v, depth + 1);
                sb.append(indent).append("}\n");
            } else if (v instanceof List) {
                List<Map<String, Object>> items = (List<Map<String, Object>>) v;
                sb.append(indent).append(e.getKey()).append(" = [\n");
                for (int i = 0; i < items.size(); i++) {
                    sb.append(indent).append("  {\n");
                    printBlock(sb, items.get(i), depth + 2);
                    sb.append(indent)
                            .append("  }")
                            .append(i < items.size() - 1 ? "," : "")
                            .append('\n');
                }
                sb.append(indent).append("]\n");
            } else {
                sb.append(indent).append(e.getKey()).append(" = ").append(v).append('\n');
            }
        }
    }

    // ---- value tokens ----

    private static String str(String s) {
        return ConfigValueFactory.fromAnyRef(s).render(ConfigRenderOptions.concise());
    }

    private static String name(Enum<?> e) {
        return SettingsMapper.configName(e);
    }

    private static String bool(boolean b) {
        return Boolean.toString(b);
    }

    private static String dur(Duration d) {
        return SettingsMapper.formatDuration(d);
    }

    private static String size(long bytes) {
        return SettingsMapper.formatSize(bytes);
    }

    private static String opt(Optional<String> v) {
        return v.orElse("null");
    }

    private static String addr(Optional<InetAddress> a) {
        return opt(a.map(x -> str(Addresses.format(x))));
    }
}
