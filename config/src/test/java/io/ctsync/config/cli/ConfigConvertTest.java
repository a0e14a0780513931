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

/** The --convert-config entry point: HOCON that loads to the same settings, warnings, exit codes. */
class ConfigConvertTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int convert(String... args) {
        return ConfigConvert.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintHoconThatLoadsToTheSameSettings(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("conntrackd.conf");
        Files.writeString(f, Configs.CONNTRACKD_SKELETON.replace("General {\n", "General {\n  Nice -5\n"));
        assertEquals(0, convert("--convert-config", "-C", f.toString()));
        String hocon = out.toString(StandardCharsets.UTF_8);
        assertTrue(hocon.contains("# warning: line 2: General.Nice: has no meaning for ctsync"), hocon);
        assertTrue(hocon.contains("peer-address = \"10.0.0.2\""), hocon);
        assertEquals(
                SettingsLoader.loadConntrackdConf(f, Map.of()).settings(),
                SettingsLoader.parseHocon(hocon, "converted", Map.of()).settings());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(f + ":2: warning: General.Nice"));
    }

    @Test
    void shouldPrintEveryKeyWithFull(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("conntrackd.conf");
        Files.writeString(f, Configs.CONNTRACKD_SKELETON);
        assertEquals(0, convert("--convert-config", "-C", f.toString(), "--full"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("resend-queue-bytes = 64MiB"));
    }

    @Test
    void shouldRefuseAnInvalidFileAndHoconInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("conntrackd.conf");
        Files.writeString(f, Configs.CONNTRACKD_SKELETON.replace("Port 3780", "Port x"));
        assertEquals(1, convert("--convert-config", "-C", f.toString()));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).startsWith(f + ":9: Sync.UDP.Port: found 'x', expected a number"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(2, convert("--convert-config", "--config", f.toString()));
    }
}
