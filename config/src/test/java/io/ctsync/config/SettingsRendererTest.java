package io.ctsync.config;

import static io.ctsync.config.Configs.MINIMAL_HOCON;
import static io.ctsync.config.Configs.conntrackd;
import static io.ctsync.config.Configs.hocon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Writing settings back as HOCON, in full and minimal form, so that the text loads to equal settings. */
class SettingsRendererTest {

    private static final String RICH = "ctsync {\n"
            + "  node { name = fw1, role = backup, lock-file = \"/run/lock/ctsync.lock\", systemd-notify = no }\n"
            + "  sync { mode = notrack, alive-interval = 500ms, startup-resync = false, purge-timeout = 2m, link-timeout = 3s,\n"
            + "         stall-threshold = 1h, ftfw { ack-window = 7 }, alarm { refresh-time = 1d }, peer { nat-port-byte-order = big-endian, send-zone = false } }\n"
            + "  channels = [\n"
            + "    { name = a, type = multicast, interface = eth1, multicast-group = \"239.1.2.3\", multicast-interface-address = \"10.0.0.1\", port = 4000 },\n"
            + "    { type = multicast, default = true, interface = eth2, multicast-group = \"239.1.2.4\", send-buffer = 12345, checksum = off, mtu = 9000 }\n"
            + "  ]\n"
            + "  cache { external = false, internal = false }\n"
            + "  netlink { event-buffer-size = 100MiB, event-buffer-max-size = 1GiB, reliable-events = true, overrun-resync = false,\n"
            + "            overrun-resync-delay = 2s, dump-buffer-size = 1MiB, poll-interval = 30s }\n"
            + "  filter { location = kernel, protocols { accept = [tcp, 94], ignore = [gre] }, addresses { accept = [\"10.0.0.0/8\", \"fd00::/8\"] },\n"
            + "           ignore-loopback = false, tcp-states.ignore = [SYN_SENT, LISTEN], marks.accept = [\"0x1/0x1\"], zones.accept = [1, 2],\n"
            + "           labels.ignore = [64], min-age = 250ms }\n"
            + "  expectations { enabled = true, helpers = [ftp, \"sip\"] }\n"
            + "  commit { batch-size = 100, timeout = 90s, fallback-timeout = 2m, tcp-window-tracking = true }\n"
            + "  control { socket-path = \"/run/x/ctl.sock\", socket-mode = \"0660\", group = \"123\", max-clients = 2, request-timeout = 1s }\n"
            + "  metrics { enabled = false, address = \"::\", port = 9999, path = \"/m\", jvm = false }\n"
            + "  logging { level = trace, syslog-prefix = never }\n"
            + "}\n";

    @Test
    void shouldRenderEverySettingSoThatItLoadsBackEqual() throws Exception {
        Settings s = hocon(RICH).settings();
        String full = SettingsRenderer.renderFull(s);
        assertEquals(s, hocon(full).settings(), full);
        String minimal = SettingsRenderer.renderMinimal(s);
        assertEquals(s, hocon(minimal).settings(), minimal);
    }

    @Test
    void shouldRenderOnlyWhatDiffersFromTheDefaultsInMinimalForm() throws Exception {
        String minimal = SettingsRenderer.renderMinimal(
                hocon(MINIMAL_HOCON + "ctsync.sync.ftfw.ack-window = 50\n").settings());
        assertEquals(
                "ctsync {\n"
                        + "  sync {\n"
                        + "    ftfw {\n"
                        + "      ack-window = 50\n"
                        + "    }\n"
                        + "  }\n"
                        + "  channels = [\n"
                        + "    {\n"
                        + "      type = udp\n"
                        + "      peer-address = \"10.0.0.2\"\n"
                        + "    }\n"
                        + "  ]\n"
                        + "}\n",
                minimal);
    }

    @Test
    void shouldRenderEveryKeyOfReferenceConfInFullForm() throws Exception {
        String full = SettingsRenderer.renderFull(hocon(MINIMAL_HOCON).settings());
        for (String key : new String[] {
            "alive-interval",
            "resend-queue-bytes",
            "nat-port-byte-order",
            "multicast-interface-address",
            "overrun-resync-delay",
            "ignore-sync-addresses",
            "min-age",
            "fallback-timeout",
            "request-timeout",
            "syslog-prefix"
        }) {
            assertTrue(full.contains(key + " = "), key);
        }
        assertFalse(full.contains("channel-defaults"), "channels are written out whole");
    }

    @Test
    void shouldRoundTripAConvertedConntrackdConf() throws Exception {
        Settings s = conntrackd(Configs.CONNTRACKD_SKELETON.replace("Mode FTFW { }", "Mode ALARM { RefreshTime 10 }"))
                .settings();
        assertEquals(s, hocon(SettingsRenderer.renderMinimal(s)).settings());
        assertEquals(s, hocon(SettingsRenderer.renderFull(s)).settings());
    }
}
