package io.ctsync.config;

import static io.ctsync.config.Configs.MINIMAL_HOCON;
import static io.ctsync.config.Configs.assertNames;
import static io.ctsync.config.Configs.hocon;
import static io.ctsync.config.Configs.hoconErrors;
import static io.ctsync.config.Configs.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading native HOCON files: defaults, environment overrides, and every class of error with its file, line, key, found and expected. */
class SettingsLoaderHoconTest {

    @Test
    void shouldFillEveryUnsetKeyFromReferenceConf() throws Exception {
        LoadedSettings l = hocon(MINIMAL_HOCON);
        Settings s = l.settings();
        assertTrue(l.warnings().isEmpty(), l.warnings()::toString);
        assertEquals(SyncMode.FTFW, s.sync().mode());
        assertEquals(300, s.sync().ftfw().ackWindow());
        assertEquals(131072, s.sync().ftfw().resendQueueSize());
        assertEquals(Duration.ofSeconds(60), s.sync().alarm().refreshTime());
        assertEquals(Duration.ofSeconds(180), s.sync().alarm().cacheTimeout());
        assertEquals(Duration.ofSeconds(1), s.sync().aliveInterval());
        assertEquals(64L << 20, s.netlink().eventBufferSize());
        assertEquals(Path.of("/run/ctsync/ctsyncd.sock"), s.control().socketPath());
        assertEquals(0600, s.control().socketMode());
        assertEquals(InetAddress.getByName("127.0.0.1"), s.metrics().address());
        assertEquals(LogLevel.INFO, s.logging().level());
        ChannelSettings c = s.channels().get(0);
        assertEquals("udp-0", c.name());
        assertTrue(c.isDefault());
        assertEquals(3780, c.port());
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.2")), c.peerAddress());
        assertEquals(c, s.defaultChannel());
    }

    @Test
    void shouldReadDurationsAndSizesWithUnits() throws Exception {
        Settings s = hocon(MINIMAL_HOCON + "ctsync.sync.alarm.refresh-time = 2m\n"
                        + "ctsync.netlink.event-buffer-size = 128MiB\nctsync.netlink.event-buffer-max-size = 1GiB\n"
                        + "ctsync.commit.timeout = 1h\nctsync.filter.min-age = 1500ms\n")
                .settings();
        assertEquals(Duration.ofMinutes(2), s.sync().alarm().refreshTime());
        assertEquals(128L << 20, s.netlink().eventBufferSize());
        assertEquals(1L << 30, s.netlink().eventBufferMaxSize());
        assertEquals(Optional.of(Duration.ofHours(1)), s.commit().timeout());
        assertEquals(Duration.ofMillis(1500), s.filter().minAge());
    }

    @Test
    void shouldLetEnvironmentVariablesOverrideTheFile() throws Exception {
        Map<String, String> env = Map.of(
                "CTSYNC_NODE_NAME", "fw2",
                "CTSYNC_CONTROL_SOCKET", "/tmp/ctsync.sock",
                "CTSYNC_METRICS_ADDRESS", "::1",
                "CTSYNC_METRICS_PORT", "9100",
                "CTSYNC_LOG_LEVEL", "debug",
                "CTSYNC_PEER_ADDRESS", "10.9.9.9",
                "CTSYNC_LOCAL_ADDRESS", "10.9.9.8");
        Settings s = hocon("ctsync { node.name = fw1, metrics.port = 1234 }\nctsync.channels = [ {} ]\n", env)
                .settings();
        assertEquals("fw2", s.node().name());
        assertEquals(Path.of("/tmp/ctsync.sock"), s.control().socketPath());
        assertEquals(InetAddress.getByName("::1"), s.metrics().address());
        assertEquals(9100, s.metrics().port());
        assertEquals(LogLevel.DEBUG, s.logging().level());
        assertEquals(
                Optional.of(InetAddress.getByName("10.9.9.9")),
                s.channels().get(0).peerAddress());
        assertEquals(
                Optional.of(InetAddress.getByName("10.9.9.8")),
                s.channels().get(0).localAddress());
    }

    @Test
    void shouldKeepAChannelsOwnAddressOverTheEnvironmentDefault() throws Exception {
        Settings s =
                hocon(MINIMAL_HOCON, Map.of("CTSYNC_PEER_ADDRESS", "10.9.9.9")).settings();
        assertEquals(
                Optional.of(InetAddress.getByName("10.0.0.2")),
                s.channels().get(0).peerAddress());
    }

    @Test
    void shouldNameTheEnvironmentVariableWhenItsValueIsWrong() {
        SettingsException e = assertThrows(
                SettingsException.class, () -> hocon(MINIMAL_HOCON, Map.of("CTSYNC_METRICS_PORT", "http")));
        Problem p = only(e.errors(), "ctsync.metrics.port");
        assertEquals("environment variable CTSYNC_METRICS_PORT", p.source());
        assertEquals("string \"http\"", p.found());
        assertTrue(p.expected().contains("1..65535"), p.format());
    }

    @Test
    void shouldResolveSubstitutionsFromTheGivenEnvironment() throws Exception {
        Settings s = hocon(MINIMAL_HOCON + "ctsync.node.name = ${?SITE}\n", Map.of("SITE", "dc1"))
                .settings();
        assertEquals("dc1", s.node().name());
    }

    @Test
    void shouldReportAWrongTypeWithFileLineKeyFoundAndExpected() {
        List<Problem> errors = hoconErrors(MINIMAL_HOCON + "ctsync {\n  sync {\n    startup-resync = maybe\n  }\n}\n");
        assertNames(
                only(errors, "ctsync.sync.startup-resync"),
                "test.conf",
                4,
                "ctsync.sync.startup-resync",
                "string \"maybe\"",
                "a boolean");
    }

    @Test
    void shouldReportAListWhereANumberBelongs() {
        List<Problem> errors = hoconErrors(MINIMAL_HOCON + "ctsync.sync.ftfw.ack-window = [300]\n");
        assertNames(
                only(errors, "ctsync.sync.ftfw.ack-window"),
                "test.conf",
                2,
                "ctsync.sync.ftfw.ack-window",
                "list [300]",
                "an integer 1..1000000");
    }

    @Test
    void shouldRejectADurationWithoutUnit() {
        Problem p = only(
                hoconErrors(MINIMAL_HOCON + "ctsync.sync.alarm.refresh-time = 60\n"), "ctsync.sync.alarm.refresh-time");
        assertNames(p, "test.conf", 2, "ctsync.sync.alarm.refresh-time", "number 60", "with a unit");
        assertTrue(p.hint().contains("60s"), p.format());
    }

    @Test
    void shouldRejectAnUnknownKeyAndSuggestTheClosestSibling() {
        Problem p = only(
                hoconErrors(MINIMAL_HOCON + "ctsync.sync.ftfw {\n  ack-windw = 10\n}\n"), "ctsync.sync.ftfw.ack-windw");
        assertNames(p, "test.conf", 3, "ctsync.sync.ftfw.ack-windw", "unknown key 'ack-windw'", "ack-window");
        assertEquals("did you mean 'ack-window'?", p.hint());
        assertTrue(p.format().endsWith("(did you mean 'ack-window'?)"), p.format());
    }

    @Test
    void shouldSuggestTheKeyFromAnotherSectionOrConntrackdsName() {
        Problem elsewhere =
                only(hoconErrors(MINIMAL_HOCON + "ctsync.sync.refresh-time = 30s\n"), "ctsync.sync.refresh-time");
        assertEquals("did you mean 'ctsync.sync.alarm.refresh-time'?", elsewhere.hint());
        Problem ctd =
                only(hoconErrors(MINIMAL_HOCON + "ctsync.sync.ACKWindowSize = 30\n"), "ctsync.sync.ACKWindowSize");
        assertEquals("did you mean 'ctsync.sync.ftfw.ack-window'?", ctd.hint());
    }

    @Test
    void shouldRejectAnUnknownKeyInsideAChannel() {
        Problem p = only(
                hoconErrors("ctsync.channels = [\n  { peer-adress = \"10.0.0.2\" }\n]\n"),
                "ctsync.channels[0].peer-adress");
        assertNames(p, "test.conf", 2, "ctsync.channels[0].peer-adress", "unknown key", "peer-address");
        assertEquals("did you mean 'peer-address'?", p.hint());
    }

    @Test
    void shouldRejectUnknownTopLevelKeys() {
        Problem p = only(hoconErrors(MINIMAL_HOCON + "ctsnyc.node.name = x\n"), "ctsnyc");
        assertNames(p, "test.conf", 2, "ctsnyc", "unknown top-level key", "ctsync");
        assertEquals("did you mean 'ctsync'?", p.hint());
    }

    @Test
    void shouldRejectAValueWhereABlockBelongs() {
        Problem p = only(hoconErrors(MINIMAL_HOCON + "ctsync.sync = ftfw\n"), "ctsync.sync");
        assertNames(p, "test.conf", 2, "ctsync.sync", "string \"ftfw\"", "a block");
    }

    @Test
    void shouldRejectOutOfRangeValues() {
        List<Problem> errors = hoconErrors("ctsync {\n"
                + "  channels = [ { peer-address = \"10.0.0.2\", port = 70000 } ]\n"
                + "  sync.ftfw.ack-window = 0\n"
                + "  netlink.event-buffer-size = 3GiB\n"
                + "  filter.zones.accept = [70000]\n"
                + "  control.socket-mode = \"0606\"\n"
                + "}\n");
        assertNames(
                only(errors, "ctsync.channels[0].port"),
                "test.conf",
                2,
                "ctsync.channels[0].port",
                "number 70000",
                "an integer 1..65535");
        assertNames(
                only(errors, "ctsync.sync.ftfw.ack-window"),
                "test.conf",
                3,
                "ctsync.sync.ftfw.ack-window",
                "number 0",
                "1..1000000");
        assertNames(
                only(errors, "ctsync.netlink.event-buffer-size"),
                "test.conf",
                4,
                "ctsync.netlink.event-buffer-size",
                "string \"3GiB\"",
                "64KiB..2GiB");
        assertNames(
                only(errors, "ctsync.filter.zones.accept[0]"),
                "test.conf",
                5,
                "ctsync.filter.zones.accept[0]",
                "number 70000",
                "0..65535");
        assertEquals(4, errors.size(), errors::toString);
    }

    @Test
    void shouldReportEveryErrorAtOnceInFileOrder() {
        List<Problem> errors = hoconErrors(
                "ctsync {\n  sync.mode = ftwf\n  metrics.port = -1\n  logging.level = loud\n}\n" + MINIMAL_HOCON);
        assertEquals(List.of(2, 3, 4), errors.stream().map(Problem::line).toList());
        assertEquals("did you mean 'ftfw'?", errors.get(0).hint());
    }

    @Test
    void shouldReportUnbalancedBracesWithTheBlockLeftOpen() {
        Problem p =
                only(hoconErrors("ctsync {\n  sync {\n    mode = ftfw\n\n  metrics { port = 1 }\n}\n"), "ctsync.sync");
        assertNames(p, "test.conf", 2, "ctsync.sync", "the end of the file", "'}' to close 'sync' opened at line 2");
        Problem stray = hoconErrors("ctsync {\n}\n}\n").get(0);
        assertNames(stray, "test.conf", 3, "(top level)", "'}' with no open block", "a key or the end of the file");
    }

    @Test
    void shouldRequireAPeerForUnicastChannels() {
        Problem p = only(hoconErrors("ctsync.channels = [\n  { type = udp }\n]\n"), "ctsync.channels[0].peer-address");
        assertNames(p, "test.conf", 2, "ctsync.channels[0].peer-address", "nothing", "peer's IPv4/IPv6 address");
    }

    @Test
    void shouldPointAtTheFileWhenOnlyDefaultsAreMissingAValue() {
        Problem p = only(hoconErrors("ctsync.node.name = a\n"), "ctsync.channels[0].peer-address");
        assertEquals("test.conf", p.source());
    }

    @Test
    void shouldRequireAGroupAndAnInterfaceForMulticast() {
        List<Problem> errors = hoconErrors("ctsync.channels = [\n  { type = multicast }\n]\n");
        assertNames(
                only(errors, "ctsync.channels[0].multicast-group"),
                "test.conf",
                2,
                "ctsync.channels[0].multicast-group",
                "nothing",
                "multicast group");
        assertNames(
                only(errors, "ctsync.channels[0].interface"),
                "test.conf",
                2,
                "ctsync.channels[0].interface",
                "nothing",
                "interface");
    }

    @Test
    void shouldRequireAMulticastAddressAsGroupAndNoIpv4InterfaceForIpv6() {
        List<Problem> errors = hoconErrors("ctsync.channels = [\n"
                + "  { type = multicast, interface = eth0, multicast-group = \"10.0.0.1\" },\n"
                + "  { type = multicast, interface = eth1, port = 3781, multicast-group = \"ff02::1:3\", multicast-interface-address = \"10.0.0.1\" }\n"
                + "]\n");
        assertNames(
                only(errors, "ctsync.channels[0].multicast-group"),
                "test.conf",
                2,
                "ctsync.channels[0].multicast-group",
                "10.0.0.1",
                "a multicast address");
        assertNames(
                only(errors, "ctsync.channels[1].multicast-interface-address"),
                "test.conf",
                3,
                "ctsync.channels[1].multicast-interface-address",
                "10.0.0.1",
                "nothing for an IPv6 group");
    }

    @Test
    void shouldAcceptAnIpv6MulticastChannel() throws Exception {
        ChannelSettings c = hocon(
                        "ctsync.channels = [ { type = multicast, interface = eth0, multicast-group = \"ff02::3780\" } ]\n")
                .settings()
                .channels()
                .get(0);
        assertEquals(AddressFamily.IPV6, c.family());
    }

    @Test
    void shouldRejectMixedAddressFamiliesInAChannel() {
        Problem p = only(
                hoconErrors("ctsync.channels = [ { local-address = \"fd00::1\", peer-address = \"10.0.0.2\" } ]\n"),
                "ctsync.channels[0].local-address");
        assertTrue(p.expected().contains("same family"), p.format());
    }

    @Test
    void shouldAllowAtMostOneDefaultChannelAndDefaultToTheFirst() throws Exception {
        List<Problem> errors = hoconErrors("ctsync.channels = [\n"
                + "  { peer-address = \"10.0.0.2\", default = true },\n"
                + "  { peer-address = \"10.0.1.2\", port = 3781, default = true }\n]\n");
        assertNames(
                only(errors, "ctsync.channels[1].default"),
                "test.conf",
                3,
                "ctsync.channels[1].default",
                "a second default channel",
                "at most one");

        Settings none = hocon(
                        "ctsync.channels = [ { peer-address = \"10.0.0.2\" }, { peer-address = \"10.0.1.2\", port = 3781 } ]\n")
                .settings();
        assertEquals(
                List.of(true, false),
                none.channels().stream().map(ChannelSettings::isDefault).toList());
        Settings second = hocon(
                        "ctsync.channels = [ { peer-address = \"10.0.0.2\" }, { peer-address = \"10.0.1.2\", port = 3781, default = on } ]\n")
                .settings();
        assertEquals("udp-1", second.defaultChannel().name());
    }

    @Test
    void shouldRejectMixedTransportsDuplicateBindsAndTooManyChannels() {
        List<Problem> mixed = hoconErrors(
                "ctsync.channels = [ { peer-address = \"10.0.0.2\" }, { type = tcp, peer-address = \"10.0.1.2\", port = 3781 } ]\n");
        assertTrue(only(mixed, "ctsync.channels[1].type").expected().contains("one transport type"));
        List<Problem> dup =
                hoconErrors("ctsync.channels = [ { peer-address = \"10.0.0.2\" }, { peer-address = \"10.0.1.2\" } ]\n");
        assertTrue(only(dup, "ctsync.channels[1].port").found().contains("as channels[0]"));
        String five = "{ peer-address = \"10.0.0.2\" }, ".repeat(5);
        assertTrue(only(hoconErrors("ctsync.channels = [ " + five + "]\n"), "ctsync.channels")
                .expected()
                .contains("1..4"));
        assertTrue(only(hoconErrors("ctsync.channels = []\n"), "ctsync.channels")
                .expected()
                .contains("1..4"));
    }

    @Test
    void shouldRejectAHostNameWhereAnAddressBelongs() {
        Problem p = only(
                hoconErrors("ctsync.channels = [ { peer-address = fw2.example.net } ]\n"),
                "ctsync.channels[0].peer-address");
        assertTrue(p.expected().contains("no host names"), p.format());
    }

    @Test
    void shouldAllowDisablingTheInternalCacheOnlyInNotrack() throws Exception {
        Problem p = only(hoconErrors(MINIMAL_HOCON + "ctsync.cache.internal = false\n"), "ctsync.cache.internal");
        assertNames(p, "test.conf", 2, "ctsync.cache.internal", "false with sync.mode = ftfw", "only notrack");
        assertFalse(hocon(MINIMAL_HOCON + "ctsync.cache.internal = false\nctsync.sync.mode = notrack\n")
                .settings()
                .cache()
                .internal());
    }

    @Test
    void shouldRequireTheAlarmCacheTimeoutToOutlastTheRefresh() {
        Problem p = only(
                hoconErrors(MINIMAL_HOCON
                        + "ctsync.sync { mode = alarm, alarm.refresh-time = 60s, alarm.cache-timeout = 60s }\n"),
                "ctsync.sync.alarm.cache-timeout");
        assertTrue(p.expected().contains("more than sync.alarm.refresh-time"), p.format());
    }

    @Test
    void shouldWarnAboutKnobsOfAnotherMode() throws Exception {
        LoadedSettings l = hocon(MINIMAL_HOCON + "ctsync.sync.alarm.refresh-time = 30s\n");
        Problem w = only(l.warnings(), "ctsync.sync.alarm.refresh-time");
        assertEquals(2, w.line());
        assertTrue(
                w.format().contains("warning: ctsync.sync.alarm.refresh-time: has no effect in sync.mode = ftfw"),
                w.format());
    }

    @Test
    void shouldRequireAGroupForAGroupAccessibleSocketAndRefuseWorldAccess() throws Exception {
        assertTrue(only(hoconErrors(MINIMAL_HOCON + "ctsync.control.socket-mode = \"0660\"\n"), "ctsync.control.group")
                .expected()
                .contains("a group"));
        assertTrue(only(
                        hoconErrors(MINIMAL_HOCON + "ctsync.control.socket-mode = \"0666\"\n"),
                        "ctsync.control.socket-mode")
                .expected()
                .contains("no permissions for others"));
        Settings s = hocon(MINIMAL_HOCON + "ctsync.control { socket-mode = 0660, group = ctsync }\n")
                .settings();
        assertEquals(0660, s.control().socketMode());
        assertEquals(Optional.of("ctsync"), s.control().group());
    }

    @Test
    void shouldRejectASocketPathTooLongForSunPath() {
        String path = "/run/" + "x".repeat(110);
        Problem p = only(
                hoconErrors(MINIMAL_HOCON + "ctsync.control.socket-path = \"" + path + "\"\n"),
                "ctsync.control.socket-path");
        assertTrue(p.expected().contains("107 bytes"), p.format());
    }

    @Test
    void shouldRequireTheEventBufferLimitToCoverTheBuffer() {
        Problem p = only(
                hoconErrors(MINIMAL_HOCON
                        + "ctsync.netlink { event-buffer-size = 128MiB, event-buffer-max-size = 64MiB }\n"),
                "ctsync.netlink.event-buffer-max-size");
        assertTrue(p.expected().contains("at least netlink.event-buffer-size (128MiB)"), p.format());
    }

    @Test
    void shouldReadFilterCriteria() throws Exception {
        Settings s = hocon(MINIMAL_HOCON + "ctsync.filter {\n"
                        + "  location = kernel\n"
                        + "  protocols { accept = [tcp, UDP, 132], ignore = [icmp] }\n"
                        + "  addresses.ignore = [\"192.0.2.0/24\", \"2001:db8::1\"]\n"
                        + "  tcp-states.accept = [ESTABLISHED, closed]\n"
                        + "  marks.accept = [\"0x10/0xf0\", 7]\n"
                        + "  zones.ignore = [5]\n"
                        + "  labels.accept = [0, 127]\n"
                        + "  min-age = 3s\n"
                        + "}\n")
                .settings();
        FilterSettings f = s.filter();
        assertEquals(FilterLocation.KERNEL, f.location());
        assertEquals(List.of(6, 17, 132), f.protocols().accept());
        assertEquals(List.of(1), f.protocols().ignore());
        assertEquals(
                List.of(
                        Cidr.parse("192.0.2.0/24").get(),
                        Cidr.parse("2001:db8::1").get()),
                f.addresses().ignore());
        assertEquals(
                List.of(TcpState.ESTABLISHED, TcpState.CLOSE), f.tcpStates().accept());
        assertEquals(
                List.of(new MarkMatch(0x10, 0xf0), new MarkMatch(7, 0xffffffffL)),
                f.marks().accept());
        assertEquals(List.of(5), f.zones().ignore());
        assertEquals(List.of(0, 127), f.labels().accept());
        assertEquals(Duration.ofSeconds(3), f.minAge());
    }

    @Test
    void shouldRejectUnknownFilterValuesWithSuggestions() {
        List<Problem> errors = hoconErrors(
                MINIMAL_HOCON
                        + "ctsync.filter {\n  protocols.accept = [tcp, sctpp]\n  tcp-states.accept = [ESTABLISHD]\n"
                        + "  marks.ignore = [\"0x1/0x1ffffffff\"]\n  labels.accept = [128]\n  addresses.accept = [\"10.0.0.0/33\"]\n}\n");
        Problem proto = only(errors, "ctsync.filter.protocols.accept[1]");
        assertNames(proto, "test.conf", 3, "ctsync.filter.protocols.accept[1]", "string \"sctpp\"", "a protocol name");
        assertEquals("did you mean 'sctp'?", proto.hint());
        assertEquals(
                "did you mean 'ESTABLISHED'?",
                only(errors, "ctsync.filter.tcp-states.accept[0]").hint());
        assertTrue(only(errors, "ctsync.filter.marks.ignore[0]").expected().contains("32-bit"));
        assertTrue(only(errors, "ctsync.filter.labels.accept[0]").expected().contains("0..127"));
        assertTrue(only(errors, "ctsync.filter.addresses.accept[0]").expected().contains("network"));
    }

    @Test
    void shouldWarnAboutHostBitsInAFilterNetwork() throws Exception {
        LoadedSettings l = hocon(MINIMAL_HOCON + "ctsync.filter.addresses.ignore = [\"192.0.2.7/24\"]\n");
        assertEquals(
                List.of(Cidr.parse("192.0.2.0/24").get()),
                l.settings().filter().addresses().ignore());
        assertTrue(only(l.warnings(), "ctsync.filter.addresses.ignore[0]")
                .expected()
                .contains("192.0.2.0/24"));
    }

    @Test
    void shouldWarnAboutASmallEventBuffer() throws Exception {
        LoadedSettings l = hocon(MINIMAL_HOCON + "ctsync.netlink.event-buffer-size = 2MiB\n");
        assertTrue(only(l.warnings(), "ctsync.netlink.event-buffer-size")
                .expected()
                .contains("overruns"));
    }

    @Test
    void shouldIgnoreLoopbackAndTheSyncLinksOwnAddressesByDefault() throws Exception {
        Settings s = hocon("ctsync.channels = [ { local-address = \"10.0.0.1\", peer-address = \"10.0.0.2\" } ]\n")
                .settings();
        List<Cidr> ignored = s.implicitAddressIgnores();
        assertTrue(ignored.containsAll(FilterSettings.LOOPBACK));
        assertTrue(ignored.contains(Cidr.parse("10.0.0.1").get()));
        assertTrue(ignored.contains(Cidr.parse("10.0.0.2").get()));
        Settings off = hocon(
                        MINIMAL_HOCON + "ctsync.filter { ignore-loopback = false, ignore-sync-addresses = false }\n")
                .settings();
        assertTrue(off.implicitAddressIgnores().isEmpty());
    }

    @Test
    void shouldReportAMissingOrUnreadableFile(@TempDir Path dir) {
        Problem p = assertThrows(
                        SettingsException.class, () -> SettingsLoader.loadHocon(dir.resolve("none.conf"), Map.of()))
                .errors()
                .get(0);
        assertEquals(dir.resolve("none.conf").toString(), p.source());
        assertEquals("no such file", p.found());
        assertEquals(
                "a directory",
                assertThrows(SettingsException.class, () -> SettingsLoader.loadHocon(dir, Map.of()))
                        .errors()
                        .get(0)
                        .found());
    }

    @Test
    void shouldLoadAFileAndNameItInProblems(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ctsync.conf");
        Files.writeString(f, MINIMAL_HOCON + "ctsync.metrics.port = 0\n");
        Problem p = only(
                assertThrows(SettingsException.class, () -> SettingsLoader.loadHocon(f, Map.of()))
                        .errors(),
                "ctsync.metrics.port");
        assertNames(p, f.toString(), 2, "ctsync.metrics.port", "number 0", "1..65535");
        Files.writeString(f, MINIMAL_HOCON);
        assertEquals(ConfigFormat.HOCON, SettingsLoader.loadHocon(f, Map.of()).format());
    }

    @Test
    void shouldReportAnUnresolvableSubstitution() {
        Problem p = hoconErrors(MINIMAL_HOCON + "ctsync.node.name = ${NOPE}\n").get(0);
        assertEquals(2, p.line());
        assertTrue(p.found().contains("NOPE"), p.format());
    }
}
