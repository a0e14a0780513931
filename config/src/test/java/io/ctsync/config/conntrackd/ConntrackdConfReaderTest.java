package io.ctsync.config.conntrackd;

import static io.ctsync.config.Configs.CONNTRACKD_SKELETON;
import static io.ctsync.config.Configs.assertNames;
import static io.ctsync.config.Configs.conntrackd;
import static io.ctsync.config.Configs.conntrackdErrors;
import static io.ctsync.config.Configs.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.config.ChannelSettings;
import io.ctsync.config.ChannelType;
import io.ctsync.config.Cidr;
import io.ctsync.config.FilterLocation;
import io.ctsync.config.LoadedSettings;
import io.ctsync.config.Problem;
import io.ctsync.config.Settings;
import io.ctsync.config.SyncMode;
import io.ctsync.config.TcpState;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading conntrackd.conf: every option mapped, warnings for options without meaning, and errors located by file, line and option. */
class ConntrackdConfReaderTest {

    /** A conntrackd.conf with a UNIX path and {@code sync} as the body of Sync { }. */
    private static String conf(String general, String sync) {
        return "General {\n  UNIX { Path /run/ctd.ctl }\n" + general + "}\nSync {\n" + sync + "}\n";
    }

    private static final String UDP = "  UDP {\n    IPv4_address 10.0.0.1\n    IPv4_Destination_Address 10.0.0.2\n"
            + "    Port 3780\n    Interface eth0\n  }\n";

    @Test
    void shouldMapTheSkeletonOntoSettings() throws Exception {
        LoadedSettings l = conntrackd(CONNTRACKD_SKELETON);
        Settings s = l.settings();
        assertTrue(l.warnings().isEmpty(), l.warnings()::toString);
        assertEquals(SyncMode.FTFW, s.sync().mode());
        assertEquals(Path.of("/run/ctd.ctl"), s.control().socketPath());
        ChannelSettings c = s.channels().get(0);
        assertEquals(ChannelType.UDP, c.type());
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.1")), c.localAddress());
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.2")), c.peerAddress());
        assertEquals(3780, c.port());
        assertEquals(Optional.of("eth0"), c.interfaceName());
        assertTrue(c.isDefault());
    }

    @Test
    void shouldMapEveryMeaningfulGeneralOption() throws Exception {
        Settings s = conntrackd(conf(
                        "  LockFile /var/lock/ctd.lock\n  NetlinkBufferSize 33554432\n  NetlinkBufferSizeMaxGrowth 134217728\n"
                                + "  NetlinkOverrunResync 10\n  NetlinkEventsReliable on\n  PollSecs 15\n  Systemd off\n",
                        "  Mode FTFW { }\n" + UDP))
                .settings();
        assertEquals(Optional.of(Path.of("/var/lock/ctd.lock")), s.node().lockFile());
        assertEquals(32L << 20, s.netlink().eventBufferSize());
        assertEquals(128L << 20, s.netlink().eventBufferMaxSize());
        assertTrue(s.netlink().overrunResync());
        assertEquals(Duration.ofSeconds(10), s.netlink().overrunResyncDelay());
        assertTrue(s.netlink().reliableEvents());
        assertEquals(Optional.of(Duration.ofSeconds(15)), s.netlink().pollInterval());
        assertFalse(s.node().systemdNotify());
    }

    @Test
    void shouldAcceptTheOldBufferOptionNames() throws Exception {
        Settings s = conntrackd(conf(
                        "  SocketBufferSize 33554432\n  SocketBufferSizeMaxGrown 67108864\n",
                        "  Mode FTFW { }\n" + UDP))
                .settings();
        assertEquals(32L << 20, s.netlink().eventBufferSize());
        assertEquals(64L << 20, s.netlink().eventBufferMaxSize());
    }

    @Test
    void shouldHonourABufferSizeAboveItsGrowthLimitWithAWarning() throws Exception {
        LoadedSettings l = conntrackd(conf(
                "  NetlinkBufferSize 67108864\n  NetlinkBufferSizeMaxGrowth 33554432\n", "  Mode FTFW { }\n" + UDP));
        assertEquals(64L << 20, l.settings().netlink().eventBufferSize());
        assertEquals(64L << 20, l.settings().netlink().eventBufferMaxSize());
        Problem w = only(l.warnings(), "General.NetlinkBufferSize");
        assertEquals(3, w.line());
        assertTrue(w.expected().contains("conntrackd would ignore it"), w.format());
    }

    @Test
    void shouldMapModeOptions() throws Exception {
        Settings ftfw = conntrackd(conf(
                        "",
                        "  Mode FTFW {\n    ResendQueueSize 1000\n    ACKWindowSize 50\n    CommitTimeout 30\n"
                                + "    PurgeTimeout 20\n    DisableExternalCache on\n    StartupResync off\n  }\n"
                                + UDP))
                .settings();
        assertEquals(1000, ftfw.sync().ftfw().resendQueueSize());
        assertEquals(50, ftfw.sync().ftfw().ackWindow());
        assertEquals(Optional.of(Duration.ofSeconds(30)), ftfw.commit().timeout());
        assertEquals(Duration.ofSeconds(20), ftfw.sync().purgeTimeout());
        assertFalse(ftfw.cache().external());
        assertFalse(ftfw.sync().startupResync());

        Settings notrack = conntrackd(conf("", "  Mode NOTRACK {\n    DisableInternalCache on\n  }\n" + UDP))
                .settings();
        assertEquals(SyncMode.NOTRACK, notrack.sync().mode());
        assertFalse(notrack.cache().internal());

        Settings alarm = conntrackd(conf("", "  Mode ALARM {\n    RefreshTime 20\n    CacheTimeout 60\n  }\n" + UDP))
                .settings();
        assertEquals(SyncMode.ALARM, alarm.sync().mode());
        assertEquals(Duration.ofSeconds(20), alarm.sync().alarm().refreshTime());
        assertEquals(Duration.ofSeconds(60), alarm.sync().alarm().cacheTimeout());
    }

    @Test
    void shouldAcceptTimersDirectlyInSyncAndModeNamesInAnyCase() throws Exception {
        Settings s = conntrackd(conf("", "  RefreshTime 20\n  CacheTimeout 60\n  Mode alarm { }\n" + UDP))
                .settings();
        assertEquals(SyncMode.ALARM, s.sync().mode());
        assertEquals(Duration.ofSeconds(20), s.sync().alarm().refreshTime());
    }

    @Test
    void shouldAcceptOldModeNamesWithAWarning() throws Exception {
        LoadedSettings l = conntrackd(conf("", "  Mode NACK { }\n" + UDP));
        assertEquals(SyncMode.FTFW, l.settings().sync().mode());
        assertTrue(only(l.warnings(), "Sync.Mode").expected().contains("old name of FTFW"));
        assertEquals(
                SyncMode.ALARM,
                conntrackd(conf("", "  Mode PERSISTENT { }\n" + UDP))
                        .settings()
                        .sync()
                        .mode());
    }

    @Test
    void shouldDefaultToFtfwWithAWarningWithoutMode() throws Exception {
        LoadedSettings l = conntrackd(conf("", UDP));
        assertEquals(SyncMode.FTFW, l.settings().sync().mode());
        assertTrue(only(l.warnings(), "Sync").expected().contains("no Mode block"));
    }

    @Test
    void shouldRejectAnOptionConntrackdDoesNotAllowInThatMode() {
        Problem p = only(
                conntrackdErrors(conf("", "  Mode ALARM {\n    ACKWindowSize 10\n  }\n" + UDP)), "Sync.Mode ALARM");
        assertNames(
                p,
                "conntrackd.conf",
                6,
                "Sync.Mode ALARM",
                "unknown option 'ACKWindowSize'",
                "an option of Sync.Mode ALARM");
        assertTrue(p.hint().contains("Mode FTFW"), p.format());
    }

    @Test
    void shouldAcceptDisableExternalCacheInAlarmUnlikeConntrackd() throws Exception {
        assertFalse(conntrackd(conf("", "  Mode ALARM {\n    DisableExternalCache on\n  }\n" + UDP))
                .settings()
                .cache()
                .external());
    }

    @Test
    void shouldTreatZeroLikeConntrackdDoesForTimers() throws Exception {
        LoadedSettings l = conntrackd(conf("", "  Mode FTFW {\n    CommitTimeout 0\n    PurgeTimeout 0\n  }\n" + UDP));
        assertEquals(Optional.empty(), l.settings().commit().timeout());
        assertEquals(Duration.ofSeconds(60), l.settings().sync().purgeTimeout());
        assertEquals(2, l.warnings().size(), l.warnings()::toString);
    }

    @Test
    void shouldMapMulticastLinks() throws Exception {
        Settings s = conntrackd(
                        conf(
                                "",
                                "  Mode FTFW { }\n"
                                        + "  Multicast {\n    IPv4_address 225.0.0.50\n    Group 3780\n    IPv4_interface 10.0.0.1\n    Interface eth1\n"
                                        + "    SndSocketBuffer 1249280\n    RcvSocketBuffer 1249280\n    Checksum off\n  }\n"
                                        + "  Multicast Default {\n    IPv6_address ff02::1:3780\n    Interface eth2\n    Group 3781\n  }\n"))
                .settings();
        ChannelSettings a = s.channels().get(0);
        assertEquals(ChannelType.MULTICAST, a.type());
        assertEquals(Optional.of(InetAddress.getByName("225.0.0.50")), a.multicastGroup());
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.1")), a.multicastInterfaceAddress());
        assertEquals(3780, a.port());
        assertEquals(1249280, a.sendBuffer());
        assertEquals(1249280, a.receiveBuffer());
        assertFalse(a.checksum());
        assertFalse(a.isDefault());
        ChannelSettings b = s.channels().get(1);
        assertTrue(b.isDefault());
        assertEquals(Optional.of(InetAddress.getByName("ff02::1:3780")), b.multicastGroup());
        assertEquals(b, s.defaultChannel());
    }

    @Test
    void shouldMapTcpLinksAndWarnAboutTcpOnlyOptionsWithoutMeaning() throws Exception {
        LoadedSettings l = conntrackd(conf(
                "",
                "  Mode NOTRACK { }\n  TCP {\n    IPv6_address fd00::1\n    IPv6_Destination_Address fd00::2\n"
                        + "    Port 3780\n    Interface eth0\n    Checksum on\n    ErrorQueueLength 256\n  }\n"));
        ChannelSettings c = l.settings().channels().get(0);
        assertEquals(ChannelType.TCP, c.type());
        assertEquals(Optional.of(InetAddress.getByName("fd00::2")), c.peerAddress());
        assertEquals(11, only(l.warnings(), "Sync.TCP.Checksum").line());
        assertEquals(12, only(l.warnings(), "Sync.TCP.ErrorQueueLength").line());
    }

    @Test
    void shouldMapOptions() throws Exception {
        Settings s = conntrackd(
                        conf(
                                "",
                                "  Mode FTFW { }\n" + UDP
                                        + "  Options {\n    TCPWindowTracking on\n    ExpectationSync {\n      ftp\n      sip\n    }\n  }\n"))
                .settings();
        assertTrue(s.commit().tcpWindowTracking());
        assertTrue(s.expectations().enabled());
        assertEquals(List.of("ftp", "sip"), s.expectations().helpers());
        Settings on = conntrackd(conf("", "  Mode FTFW { }\n" + UDP + "  Options { ExpectationSync On }\n"))
                .settings();
        assertTrue(on.expectations().enabled());
        assertEquals(List.of(), on.expectations().helpers());
    }

    @Test
    void shouldMapUserspaceAndKernelspaceFilters() throws Exception {
        Settings s = conntrackd(conf(
                        "  Filter From Kernelspace {\n"
                                + "    Protocol Accept { TCP UDP SCTP IPv6-ICMP }\n"
                                + "    Address Ignore {\n      IPv4_address 127.0.0.1\n      IPv4_address 10.0.0.0/24\n      IPv6_address ::1\n    }\n"
                                + "    State Accept { ESTABLISHED CLOSED for TCP TIME_WAIT for TCP }\n"
                                + "  }\n",
                        "  Mode FTFW { }\n" + UDP))
                .settings();
        assertEquals(FilterLocation.KERNEL, s.filter().location());
        assertEquals(List.of(6, 17, 132, 58), s.filter().protocols().accept());
        assertEquals(
                List.of(
                        Cidr.parse("127.0.0.1").get(),
                        Cidr.parse("10.0.0.0/24").get(),
                        Cidr.parse("::1").get()),
                s.filter().addresses().ignore());
        assertEquals(
                List.of(TcpState.ESTABLISHED, TcpState.CLOSE, TcpState.TIME_WAIT),
                s.filter().tcpStates().accept());
        Settings u = conntrackd(conf("  Filter {\n    Protocol Ignore { ICMP }\n  }\n", "  Mode FTFW { }\n" + UDP))
                .settings();
        assertEquals(FilterLocation.USERSPACE, u.filter().location());
        assertEquals(List.of(1), u.filter().protocols().ignore());
    }

    @Test
    void shouldWarnWhenAFilterHasBothAcceptAndIgnore() throws Exception {
        LoadedSettings l = conntrackd(conf(
                "  Filter {\n    Protocol Accept { TCP }\n    Protocol Ignore { UDP }\n  }\n",
                "  Mode FTFW { }\n" + UDP));
        assertEquals(List.of(6), l.settings().filter().protocols().accept());
        assertEquals(List.of(17), l.settings().filter().protocols().ignore());
        assertTrue(only(l.warnings(), "General.Filter.Protocol Ignore")
                .expected()
                .contains("conntrackd would apply the last policy"));
    }

    @Test
    void shouldRejectUnknownProtocolsStatesAndWrongFamilies() {
        List<Problem> errors = conntrackdErrors(conf(
                "  Filter {\n    Protocol Accept { TCP UPD }\n    State Accept { ESTABLISH for TCP }\n"
                        + "    Address Ignore { IPv4_address ::1 }\n  }\n",
                "  Mode FTFW { }\n" + UDP));
        Problem proto = only(errors, "General.Filter.Protocol Accept");
        assertNames(
                proto,
                "conntrackd.conf",
                4,
                "General.Filter.Protocol Accept",
                "unknown protocol 'UPD'",
                "a protocol name");
        assertEquals("did you mean 'udp'?", proto.hint());
        assertNames(
                only(errors, "General.Filter.State Accept"),
                "conntrackd.conf",
                5,
                "General.Filter.State Accept",
                "unknown TCP state 'ESTABLISH'",
                "one of");
        assertNames(
                only(errors, "General.Filter.Address Ignore.IPv4_address"),
                "conntrackd.conf",
                6,
                "General.Filter.Address Ignore.IPv4_address",
                "'::1'",
                "an IPv4 address or network");
    }

    @Test
    void shouldWarnAboutEveryOptionWithoutMeaningNamingItsLine() throws Exception {
        LoadedSettings l = conntrackd(
                "General {\n" // 1
                        + "  HashSize 8192\n" // 2
                        + "  HashLimit 65536\n" // 3
                        + "  LogFile /var/log/ctd.log\n" // 4
                        + "  Syslog local3\n" // 5
                        + "  Nice -20\n" // 6
                        + "  EventIterationLimit 200\n" // 7
                        + "  Scheduler {\n    Type FIFO\n    Priority 50\n  }\n" // 8-11
                        + "  UNIX {\n    Path /run/ctd.ctl\n    Backlog 20\n  }\n" // 12-15
                        + "}\n" // 16
                        + "Sync {\n  Mode FTFW { }\n"
                        + UDP + "}\n"
                        + "Helper {\n  Type ftp inet tcp {\n    QueueNum 0\n  }\n}\n");
        List<Problem> w = l.warnings();
        assertEquals(2, only(w, "General.HashSize").line());
        assertEquals(3, only(w, "General.HashLimit").line());
        assertEquals(4, only(w, "General.LogFile").line());
        assertEquals(5, only(w, "General.Syslog").line());
        assertEquals(6, only(w, "General.Nice").line());
        assertEquals(7, only(w, "General.EventIterationLimit").line());
        assertEquals(8, only(w, "General.Scheduler").line());
        assertEquals(14, only(w, "General.UNIX.Backlog").line());
        assertTrue(only(w, "General.HashSize")
                .format()
                .startsWith("conntrackd.conf:2: warning: General.HashSize: has no meaning for ctsync"));
        assertEquals(26, only(w, "Helper").line());
    }

    @Test
    void shouldWarnAboutIpv6InterfaceInMulticastLikeConntrackd() throws Exception {
        LoadedSettings l = conntrackd(conf(
                "",
                "  Mode FTFW { }\n  Multicast {\n    IPv6_address ff02::3780\n    IPv6_interface fe80::1\n"
                        + "    Interface eth0\n    Group 3780\n  }\n"));
        assertEquals(8, only(l.warnings(), "Sync.Multicast.IPv6_interface").line());
    }

    @Test
    void shouldRejectAMalformedLineNamingFileLineOptionFoundAndExpected() {
        List<Problem> errors = conntrackdErrors(conf("", "  Mode FTFW {\n    ACKWindowSize many\n  }\n" + UDP));
        assertNames(
                only(errors, "Sync.Mode FTFW.ACKWindowSize"),
                "conntrackd.conf",
                6,
                "Sync.Mode FTFW.ACKWindowSize",
                "'many'",
                "a number");
        List<Problem> bool = conntrackdErrors(conf("  NetlinkEventsReliable maybe\n", "  Mode FTFW { }\n" + UDP));
        assertNames(
                only(bool, "General.NetlinkEventsReliable"),
                "conntrackd.conf",
                3,
                "General.NetlinkEventsReliable",
                "'maybe'",
                "on or off");
        List<Problem> semicolon = conntrackdErrors(CONNTRACKD_SKELETON.replace("Port 3780", "Port 3780;"));
        assertNames(
                only(semicolon, "Sync.UDP"),
                "conntrackd.conf",
                9,
                "Sync.UDP",
                "character ';'",
                "an option of Sync.UDP");
    }

    @Test
    void shouldRejectAnUnknownOptionWithDidYouMean() {
        Problem p = only(conntrackdErrors(CONNTRACKD_SKELETON.replace("Port 3780", "Prot 3780")), "Sync.UDP");
        assertNames(p, "conntrackd.conf", 9, "Sync.UDP", "unknown option 'Prot'", "an option of Sync.UDP");
        assertEquals("did you mean 'Port'?", p.hint());
        Problem wrongBlock = only(
                conntrackdErrors(CONNTRACKD_SKELETON.replace("Port 3780", "Port 3780\n    Group 3780")), "Sync.UDP");
        assertTrue(wrongBlock.hint().contains("Multicast block"), wrongBlock.format());
    }

    @Test
    void shouldReportOneErrorPerUnknownOption() {
        List<Problem> errors =
                conntrackdErrors(CONNTRACKD_SKELETON.replace("Port 3780", "Frobnicate 1 2 3\n    Port 3780"));
        assertEquals(1, errors.size(), errors::toString);
    }

    @Test
    void shouldRejectAnUnclosedBraceNamingTheBlockAndItsLine() {
        String text = CONNTRACKD_SKELETON.replace("  }\n}\n", "\n}\n");
        Problem p = only(conntrackdErrors(text), "Sync");
        assertNames(p, "conntrackd.conf", 4, "Sync", "the end of the file", "'}' to close Sync opened at line 4");
        Problem inner = only(conntrackdErrors("General {\n  UNIX {\n    Path /run/x\n}\n"), "General");
        assertNames(
                inner, "conntrackd.conf", 1, "General", "the end of the file", "'}' to close General opened at line 1");
    }

    @Test
    void shouldRejectAStrayClosingBrace() {
        Problem p = only(conntrackdErrors(CONNTRACKD_SKELETON + "}\n"), "(top level)");
        assertNames(p, "conntrackd.conf", 13, "(top level)", "'}' with no section open", "a section");
    }

    @Test
    void shouldRejectAMissingOpeningBrace() {
        List<Problem> errors = conntrackdErrors("General\n  UNIX { Path /run/x }\n}\n");
        assertNames(only(errors, "General"), "conntrackd.conf", 2, "General", "'UNIX'", "'{' to open General");
        assertEquals(
                List.of("Sync", "General"),
                errors.stream().map(Problem::key).toList(),
                "reads on as if the brace were there");
        Problem stray = only(conntrackdErrors(CONNTRACKD_SKELETON.replace("UDP {", "UDP Defualt {")), "Sync.UDP");
        assertNames(stray, "conntrackd.conf", 6, "Sync.UDP", "'Defualt'", "'{' to open Sync.UDP");
    }

    @Test
    void shouldReportOutOfRangeValuesWithTheConntrackdOptionName() {
        List<Problem> errors = conntrackdErrors(CONNTRACKD_SKELETON.replace("Port 3780", "Port 70000"));
        assertNames(
                only(errors, "Sync.UDP.Port"),
                "conntrackd.conf",
                9,
                "Sync.UDP.Port",
                "number 70000",
                "an integer 1..65535");
        List<Problem> window =
                conntrackdErrors(CONNTRACKD_SKELETON.replace("Mode FTFW { }", "Mode FTFW { ACKWindowSize 2000000 }"));
        assertNames(
                only(window, "Sync.Mode FTFW.ACKWindowSize"),
                "conntrackd.conf",
                5,
                "Sync.Mode FTFW.ACKWindowSize",
                "number 2000000",
                "1..1000000");
    }

    @Test
    void shouldRequireAPortAndAControlSocketPathUnlikeConntrackd() {
        List<Problem> errors = conntrackdErrors(
                CONNTRACKD_SKELETON.replace("    Port 3780\n", "").replace("  UNIX { Path /run/ctd.ctl }\n", ""));
        assertNames(
                only(errors, "Sync.UDP.Port"),
                "conntrackd.conf",
                5,
                "Sync.UDP.Port",
                "no Port",
                "conntrackd has no default");
        assertNames(
                only(errors, "General.UNIX.Path"),
                "conntrackd.conf",
                1,
                "General.UNIX.Path",
                "no control socket path",
                "ctsync requires one");
    }

    @Test
    void shouldRejectWrongAddressFamiliesInLinks() {
        Problem p = only(
                conntrackdErrors(CONNTRACKD_SKELETON.replace(
                        "IPv4_Destination_Address 10.0.0.2", "IPv4_Destination_Address fd00::2")),
                "Sync.UDP.IPv4_Destination_Address");
        assertNames(p, "conntrackd.conf", 8, "Sync.UDP.IPv4_Destination_Address", "'fd00::2'", "an IPv4 address");
    }

    @Test
    void shouldRejectMixedLinkTypesAndTooManyLinks() {
        String tcp = "  TCP {\n    IPv4_Destination_Address 10.0.1.2\n    Port 3781\n  }\n";
        Problem mixed =
                only(conntrackdErrors(CONNTRACKD_SKELETON.replace("  }\n}\n", "  }\n" + tcp + "}\n")), "Sync.TCP");
        assertTrue(mixed.expected().contains("one transport type"), mixed.format());
        String link = "  UDP {\n    IPv4_Destination_Address 10.0.1.2\n    Port 3781\n  }\n";
        List<Problem> many =
                conntrackdErrors(CONNTRACKD_SKELETON.replace("  }\n}\n", "  }\n" + link.repeat(4) + "}\n"));
        assertTrue(many.stream().anyMatch(p -> p.expected().contains("at most 4 link blocks")), many::toString);
    }

    @Test
    void shouldRejectStatsAndUnknownSections() {
        Problem stats = only(conntrackdErrors(CONNTRACKD_SKELETON + "Stats {\n  LogFile on\n}\n"), "Stats");
        assertEquals(13, stats.line());
        Problem unknown = only(conntrackdErrors(CONNTRACKD_SKELETON + "Sycn {\n}\n"), "(top level)");
        assertEquals("did you mean 'Sync'?", unknown.hint());
        assertTrue(only(conntrackdErrors("General {\n  UNIX { Path /run/x }\n}\n"), "Sync")
                .found()
                .contains("no Sync section"));
    }

    @Test
    void shouldAcceptKeywordsInAnotherCaseWithAWarning() throws Exception {
        LoadedSettings l =
                conntrackd(CONNTRACKD_SKELETON.replace("UNIX", "unix").replace("Port 3780", "port 3780"));
        assertEquals(3780, l.settings().channels().get(0).port());
        assertTrue(only(l.warnings(), "General.UNIX").expected().contains("rejects 'unix'"));
        assertEquals(9, only(l.warnings(), "Sync.UDP.Port").line());
    }

    @Test
    void shouldWarnWhenAnOptionIsGivenTwice() throws Exception {
        LoadedSettings l = conntrackd(CONNTRACKD_SKELETON.replace("Port 3780", "Port 3780\n    Port 3781"));
        assertEquals(3781, l.settings().channels().get(0).port());
        assertEquals(10, only(l.warnings(), "Sync.UDP.Port").line());
    }

    @Test
    void shouldAcceptBooleansInAnyCaseAndYesNo() throws Exception {
        Settings s = conntrackd(CONNTRACKD_SKELETON
                        .replace("Interface eth0", "Interface eth0\n    Checksum OFF")
                        .replace("Mode FTFW { }", "Mode FTFW { StartupResync No }"))
                .settings();
        assertFalse(s.channels().get(0).checksum());
        assertFalse(s.sync().startupResync());
    }

    @Test
    void shouldReportTheSyntaxErrorsAsASeparateList() {
        ConntrackdConfReader.Result r =
                ConntrackdConfReader.read("General {\n  UNIX { Path /x }\n  Bogus 1\n}\n", "c.conf");
        assertEquals(1, r.syntaxErrors().size());
        assertEquals(Optional.of("/x"), r.controlSocketPath());
    }

    @Test
    void shouldRejectTwoDefaultLinks() {
        String second = "  UDP Default {\n    IPv4_Destination_Address 10.0.1.2\n    Port 3781\n  }\n";
        String text =
                CONNTRACKD_SKELETON.replace("  UDP {", "  UDP Default {").replace("  }\n}\n", "  }\n" + second + "}\n");
        Problem p = only(conntrackdErrors(text), "Sync.UDP Default");
        assertEquals(12, p.line());
        assertTrue(p.expected().contains("at most one"), p.format());
    }

    @Test
    void shouldPointAtTheLinkBlockWhenItLacksAPeer() {
        Problem p = only(
                conntrackdErrors(CONNTRACKD_SKELETON.replace("    IPv4_Destination_Address 10.0.0.2\n", "")),
                "Sync.UDP");
        assertNames(p, "conntrackd.conf", 6, "Sync.UDP", "nothing", "the peer's IPv4/IPv6 address");
    }

    @Test
    void shouldRejectBadExpectationHelperNames() {
        Problem p = only(
                conntrackdErrors(CONNTRACKD_SKELETON.replace(
                        "  }\n}\n", "  }\n  Options {\n    ExpectationSync { ftp /x }\n  }\n}\n")),
                "Sync.Options.ExpectationSync");
        assertNames(p, "conntrackd.conf", 13, "Sync.Options.ExpectationSync", "'/x'", "a conntrack helper name");
    }
}
