package io.ctsync.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the shape of a HOCON configuration against reference.conf: every key must exist there
 * (otherwise an error with a "did you mean" hint), and blocks must be blocks. Values themselves
 * are checked by {@link SettingsMapper}.
 */
final class KeyChecker {

    /** conntrackd option names a user may carry over into HOCON by habit, and the ctsync key. */
    static final Map<String, String> CONNTRACKD_SYNONYMS = Map.ofEntries(
            Map.entry("ackwindowsize", "ctsync.sync.ftfw.ack-window"),
            Map.entry("resendqueuesize", "ctsync.sync.ftfw.resend-queue-size"),
            Map.entry("refreshtime", "ctsync.sync.alarm.refresh-time"),
            Map.entry("cachetimeout", "ctsync.sync.alarm.cache-timeout"),
            Map.entry("committimeout", "ctsync.commit.timeout"),
            Map.entry("purgetimeout", "ctsync.sync.purge-timeout"),
            Map.entry("startupresync", "ctsync.sync.startup-resync"),
            Map.entry("disableexternalcache", "ctsync.cache.external"),
            Map.entry("disableinternalcache", "ctsync.cache.internal"),
            Map.entry("tcpwindowtracking", "ctsync.commit.tcp-window-tracking"),
            Map.entry("expectationsync", "ctsync.expectations.enabled"),
            Map.entry("netlinkbuffersize", "ctsync.netlink.event-buffer-size"),
            Map.entry("netlinkbuffersizemaxgrowth", "ctsync.netlink.event-buffer-max-size"),
            Map.entry("netlinkoverrunresync", "ctsync.netlink.overrun-resync"),
            Map.entry("netlinkeventsreliable", "ctsync.netlink.reliable-events"),
            Map.entry("pollsecs", "ctsync.netlink.poll-interval"),
            Map.entry("lockfile", "ctsync.node.lock-file"),
            Map.entry("systemd", "ctsync.node.systemd-notify"),
            Map.entry("unix", "ctsync.control.socket-path"),
            Map.entry("path", "ctsync.control.socket-path"),
            Map.entry("mode", "ctsync.sync.mode"),
            Map.entry("interface", "ctsync.channels[].interface"),
            Map.entry("ipv4address", "ctsync.channels[].local-address"),
            Map.entry("ipv6address", "ctsync.channels[].local-address"),
            Map.entry("ipv4destinationaddress", "ctsync.channels[].peer-address"),
            Map.entry("ipv6destinationaddress", "ctsync.channels[].peer-address"),
            Map.entry("group", "ctsync.channels[].port"),
            Map.entry("sndsocketbuffer", "ctsync.channels[].send-buffer"),
            Map.entry("rcvsocketbuffer", "ctsync.channels[].receive-buffer"),
            Map.entry("udp", "ctsync.channels"),
            Map.entry("tcp", "ctsync.channels"),
            Map.entry("multicast", "ctsync.channels"));

    private final ConfigObject reference;
    private final Problems problems;
    private final List<String> knownPaths = new ArrayList<>();

    KeyChecker(ConfigObject referenceRoot, Problems problems) {
        this.reference = referenceRoot;
        this.problems = problems;
        collect(reference, SettingsLoader.ROOT);
    }

    /**
     * Checks {@code user} (the merged {@code ctsync} object); returns false if a block has the
     * wrong shape, in which case values cannot be mapped.
     */
    boolean check(ConfigObject user) {
        return walk(user, reference, SettingsLoader.ROOT);
    }

    private boolean walk(ConfigObject user, ConfigObject ref, String path) {
        boolean shapeOk = true;
        for (String key : user.keySet()) {
            ConfigValue v;
            try {
                v = user.get(key);
                v.valueType();
            } catch (ConfigException.NotResolved e) {
                continue; // a substitution of a value from reference.conf; checked after merging
            }
            String full = path + "." + key;
            ConfigValue r = ref.get(key);
            if (r == null) {
                unknown(v, key, full, ref);
                continue;
            }
            if (r.valueType() == ConfigValueType.OBJECT) {
                if (v.valueType() != ConfigValueType.OBJECT) {
                    problems.error(v.origin(), full, SettingsMapper.describe(v), "a block { ... } of settings");
                    shapeOk = false;
                } else {
                    shapeOk &= walk((ConfigObject) v, (ConfigObject) r, full);
                }
            } else if (full.equals(SettingsLoader.ROOT + ".channels") && v.valueType() == ConfigValueType.LIST) {
                ConfigObject channelRef = (ConfigObject) reference.get("channel-defaults");
                ConfigList list = (ConfigList) v;
                for (int i = 0; i < list.size(); i++) {
                    ConfigValue el = list.get(i);
                    String elPath = full + "[" + i + "]";
                    if (el.valueType() != ConfigValueType.OBJECT) {
                        problems.error(
                                el.origin(),
                                elPath,
                                SettingsMapper.describe(el),
                                "a channel block { type = ..., ... }");
                        shapeOk = false;
                    } else {
                        shapeOk &= walk((ConfigObject) el, channelRef, elPath);
                    }
                }
            }
        }
        return shapeOk;
    }

    private void unknown(ConfigValue v, String key, String full, ConfigObject siblings) {
        String parent = full.substring(0, full.length() - key.length() - 1);
        String hint = Suggestions.closest(key, siblings.keySet())
                .map(s -> "did you mean '" + s + "'?")
                .or(() -> elsewhere(key).map(s -> "did you mean '" + s + "'?"))
                .orElse("");
        problems.error(
                v.origin(),
                full,
                "unknown key '" + key + "'",
                "one of the keys of " + parent + " ("
                        + String.join(", ", siblings.keySet().stream().sorted().toList()) + ")",
                hint);
    }

    /** A known key elsewhere in the tree with this (or a very close) name, or a conntrackd synonym. */
    private Optional<String> elsewhere(String key) {
        String norm = Suggestions.normalize(key);
        String syn = CONNTRACKD_SYNONYMS.get(norm);
        if (syn != null) {
            return Optional.of(syn);
        }
        List<String> leaves = knownPaths.stream()
                .filter(p -> Suggestions.distance(norm, Suggestions.normalize(lastSegment(p))) <= 1)
                .toList();
        return leaves.size() == 1 ? Optional.of(leaves.get(0)) : Optional.empty();
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private void collect(ConfigObject obj, String path) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            String p = path + "." + e.getKey();
            if (e.getKey().equals("channel-defaults") && path.equals(SettingsLoader.ROOT)) {
                collect((ConfigObject) e.getValue(), SettingsLoader.ROOT + ".channels[]");
            } else if (e.getValue().valueType() == ConfigValueType.OBJECT) {
                collect((ConfigObject) e.getValue(), p);
            } else {
                knownPaths.add(p);
            }
        }
    }
}
