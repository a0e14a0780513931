package io.ctsync.config.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctsync.config.Configs;
import io.ctsync.config.SettingsLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --check-config entry point: output, error lines and exit codes. */
class ConfigCheckTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(Map<String, String> env, String... args) {
        return ConfigCheck.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintTheEffectiveSettingsOfAValidHoconFileAndExitZero(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ctsync.conf");
        Files.writeString(f, Configs.MINIMAL_HOCON);
        assertEquals(0, check(Map.of("CTSYNC_NODE_NAME", "fw9"), "--check-config", "--config", f.toString()));
        assertTrue(out().contains("name = \"fw9\""), out());
        assertTrue(out().contains("ack-window = 300"), out());
        assertTrue(err().contains(f + ": valid"), err());
        assertEquals(
                SettingsLoader.parseHocon(Configs.MINIMAL_HOCON, "x", Map.of("CTSYNC_NODE_NAME", "fw9"))
                        .settings(),
                SettingsLoader.parseHocon(out(), "out", Map.of()).settings(),
                "the printed settings load back equal");
    }

    @Test
    void shouldPrintOneLinePerErrorAndExitOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ctsync.conf");
        Files.writeString(f, Configs.MINIMAL_HOCON + "ctsync.metrics.port = 70000\nctsync.sync.ack-window = 3\n");
        assertEquals(1, check(Map.of(), "--config=" + f));
        String[] lines = err().split("\n");
        assertEquals(f + ":2: ctsync.metrics.port: found number 70000, expected an integer 1..65535", lines[0]);
        assertTrue(lines[1].startsWith(f + ":3: ctsync.sync.ack-window: found unknown key 'ack-window'"), lines[1]);
        assertTrue(lines[1].endsWith("(did you mean 'ctsync.sync.ftfw.ack-window'?)"), lines[1]);
        assertTrue(lines[2].contains("invalid, 2 errors"), lines[2]);
        assertEquals("", out());
    }

    @Test
    void shouldCheckAConntrackdConfAndPrintItsWarnings(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("conntrackd.conf");
        Files.writeString(f, Configs.CONNTRACKD_SKELETON.replace("General {\n", "General {\n  HashSize 1024\n"));
        assertEquals(0, check(Map.of(), "--check-config", "-C", f.toString()));
        assertTrue(err().startsWith(f + ":2: warning: General.HashSize: has no meaning for ctsync"), err());
        assertTrue(err().contains("valid, 1 warning"), err());
        assertTrue(out().contains("socket-path = \"/run/ctd.ctl\""), out());
    }

    @Test
    void shouldExitTwoOnBadArguments() {
        assertEquals(2, check(Map.of(), "--check-config"));
        assertTrue(err().contains("no configuration file"), err());
        assertEquals(2, check(Map.of(), "--check-config", "-C"));
        assertEquals(2, check(Map.of(), "--check-config", "-C", "a", "--config", "b"));
        assertEquals(2, check(Map.of(), "--check-config", "--frobnicate"));
        assertEquals(0, check(Map.of(), "--help"));
    }

    @Test
    void shouldReportAMissingFile(@TempDir Path dir) {
        assertEquals(1, check(Map.of(), "-C", dir.resolve("nope.conf").toString()));
        assertTrue(
                err().startsWith(dir.resolve("nope.conf")
                        + ": found no such file, expected a readable configuration file"),
                err());
    }
}
