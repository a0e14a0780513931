package io.ctsync.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.protocol.control.ConntrackdCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static ConntrackdCommand command(String... args) throws UsageException {
        return assertInstanceOf(CommandLine.Send.class, CommandLine.parse(args))
                .request()
                .command();
    }

    @Test
    void shouldMapConntrackdFlagsToTheirCommandCodes() throws UsageException {
        assertEquals(ConntrackdCommand.ALL_COMMIT, command("-c"));
        assertEquals(ConntrackdCommand.CT_COMMIT, command("-c", "ct"));
        assertEquals(ConntrackdCommand.EXP_COMMIT, command("-c", "e"));
        assertEquals(ConntrackdCommand.ALL_FLUSH_CACHE, command("-f"));
        assertEquals(ConntrackdCommand.CT_FLUSH_INT_CACHE, command("-f", "internal"));
        assertEquals(ConntrackdCommand.CT_FLUSH_EXT_CACHE, command("-f", "ext"));
        assertEquals(ConntrackdCommand.ALL_FLUSH_MASTER, command("-F"));
        assertEquals(ConntrackdCommand.CT_DUMP_INTERNAL, command("-i"));
        assertEquals(ConntrackdCommand.EXP_DUMP_EXTERNAL, command("-e", "expect"));
        assertEquals(ConntrackdCommand.KILL, command("-k"));
        assertEquals(ConntrackdCommand.STATS, command("-s"));
        assertEquals(ConntrackdCommand.ALL_RESYNC_MASTER, command("-R"));
        assertEquals(ConntrackdCommand.REQUEST_DUMP, command("-n"));
        assertEquals(ConntrackdCommand.SEND_BULK, command("-B"));
        assertEquals(ConntrackdCommand.RESET_TIMERS, command("-t"));
    }

    @Test
    void shouldMatchStatsSectionsAsPrefixesInConntrackdOrder() throws UsageException {
        assertEquals(ConntrackdCommand.STATS_CACHE, command("-s", "c"), "cache is tested before ct");
        assertEquals(ConntrackdCommand.STATS_RUNTIME, command("-s", "r"), "runtime is tested before rsqueue");
        assertEquals(ConntrackdCommand.STATS_RSQUEUE, command("-s", "rs"));
        assertEquals(ConntrackdCommand.STATS_NETWORK, command("-s", "network"));
        assertEquals(ConntrackdCommand.EXP_STATS, command("-s", "expect"));
    }

    @Test
    void shouldWarnThatStatsMulticastMeansLink() throws UsageException {
        var parsed = assertInstanceOf(CommandLine.Send.class, CommandLine.parse("-s", "multicast"));
        assertEquals(ConntrackdCommand.STATS_LINK, parsed.request().command());
        assertEquals(1, parsed.request().warnings().size());
    }

    @Test
    void shouldDispatchOnTheSecondCharacterAndLetTheLastActionWin() throws UsageException {
        assertEquals(ConntrackdCommand.STATS, command("-stats"));
        assertEquals(ConntrackdCommand.KILL, command("-s", "-k"));
    }

    @Test
    void shouldTurnADumpIntoXmlOnlyAfterIOrE() throws UsageException {
        assertEquals(ConntrackdCommand.CT_DUMP_INT_XML, command("-i", "-x"));
        assertEquals(ConntrackdCommand.EXP_DUMP_EXT_XML, command("-e", "expect", "-x"));
        assertThrows(UsageException.class, () -> CommandLine.parse("-x"));
        assertThrows(UsageException.class, () -> CommandLine.parse("-s", "-x"));
    }

    @Test
    void shouldRejectUnknownParametersNamingTheOptionAndWhatWasExpected() {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse("-f", "bogus"));
        assertTrue(e.getMessage().contains("'bogus'"), e.getMessage());
        assertTrue(e.getMessage().contains("'-f'"), e.getMessage());
        assertTrue(e.getMessage().contains("internal or external"), e.getMessage());
        assertThrows(UsageException.class, () -> CommandLine.parse("-q"));
        assertThrows(UsageException.class, () -> CommandLine.parse("--frobnicate"));
        assertThrows(UsageException.class, () -> CommandLine.parse("-d"));
        assertThrows(UsageException.class, () -> CommandLine.parse("-C"));
    }

    @Test
    void shouldReadTheConfigFileFromAnywhereOnTheLine() throws UsageException {
        var a = assertInstanceOf(CommandLine.Send.class, CommandLine.parse("-s", "-C", "/etc/x.conf"));
        assertEquals(Path.of("/etc/x.conf"), a.request().conntrackdConfig());
        var b = assertInstanceOf(CommandLine.Send.class, CommandLine.parse("--socket", "/run/s", "commit"));
        assertEquals(Path.of("/run/s"), b.request().socket());
        assertThrows(UsageException.class, () -> CommandLine.parse("-C", "a", "--config", "b", "-s"));
    }

    @Test
    void shouldMapNativeSubcommands() throws UsageException {
        assertEquals(ConntrackdCommand.ALL_COMMIT, command("commit"));
        assertEquals(ConntrackdCommand.CT_FLUSH_EXT_CACHE, command("flush", "external"));
        assertEquals(ConntrackdCommand.ALL_FLUSH_CACHE, command("flush", "all"));
        assertEquals(ConntrackdCommand.ALL_RESYNC_MASTER, command("resync"));
        assertEquals(ConntrackdCommand.SEND_BULK, command("bulk-send"));
        assertEquals(ConntrackdCommand.REQUEST_DUMP, command("request-resync"));
        assertEquals(ConntrackdCommand.STATS_QUEUE, command("stats", "queue"));
        assertEquals(ConntrackdCommand.CT_DUMP_EXTERNAL, command("dump", "external"));
        assertEquals(ConntrackdCommand.EXP_DUMP_INT_XML, command("dump", "internal", "expect", "--xml"));
        assertEquals(ConntrackdCommand.KILL, command("shutdown"));
        assertThrows(UsageException.class, () -> CommandLine.parse("dump"));
        assertThrows(UsageException.class, () -> CommandLine.parse("flush", "kernel"));
        assertThrows(UsageException.class, () -> CommandLine.parse("bulk-send", "now"));
        assertThrows(UsageException.class, () -> CommandLine.parse("frob"));
    }

    @Test
    void shouldRecogniseHelpAndVersion() throws UsageException {
        assertInstanceOf(CommandLine.Help.class, CommandLine.parse("--help"));
        assertInstanceOf(CommandLine.Help.class, CommandLine.parse("-h"));
        assertInstanceOf(CommandLine.Version.class, CommandLine.parse("-v"));
        assertInstanceOf(CommandLine.Version.class, CommandLine.parse("--version"));
    }
}
