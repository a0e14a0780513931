package io.ctsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the control socket path the way ctsyncctl needs it, from either format. */
class ControlSocketPathTest {

    @Test
    void shouldReadTheUnixPathFromAConntrackdConfIgnoringEverythingElse(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("conntrackd.conf");
        // Port out of range and a missing Sync section are not the client's business
        Files.writeString(
                f,
                "General {\n  HashSize 1\n  UNIX {\n    Path /var/run/conntrackd.ctl\n  }\n}\nSync { UDP { Port 99999 } }\n");
        assertEquals(Path.of("/var/run/conntrackd.ctl"), ControlSocketPath.fromConntrackdConf(f));
    }

    @Test
    void shouldFailOnASyntaxErrorLikeConntrackdsClient(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("conntrackd.conf");
        Files.writeString(f, "General {\n  UNIX {\n    Path /var/run/conntrackd.ctl\n  }\n  Bogus on\n}\n");
        SettingsException e = assertThrows(SettingsException.class, () -> ControlSocketPath.fromConntrackdConf(f));
        assertEquals(5, e.errors().get(0).line());
    }

    @Test
    void shouldFailWithoutAPath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("conntrackd.conf");
        Files.writeString(f, "General {\n}\n");
        assertEquals(
                "General.UNIX.Path",
                assertThrows(SettingsException.class, () -> ControlSocketPath.fromConntrackdConf(f))
                        .errors()
                        .get(0)
                        .key());
        assertEquals(
                "no such file",
                assertThrows(SettingsException.class, () -> ControlSocketPath.fromConntrackdConf(dir.resolve("x")))
                        .errors()
                        .get(0)
                        .found());
    }

    @Test
    void shouldReadTheSocketPathFromHoconWithEnvironmentAndDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ctsync.conf");
        Files.writeString(f, "ctsync.control.socket-path = \"/run/a.sock\"\n");
        assertEquals(Path.of("/run/a.sock"), ControlSocketPath.fromHocon(f, Map.of()));
        assertEquals(
                Path.of("/run/b.sock"), ControlSocketPath.fromHocon(f, Map.of("CTSYNC_CONTROL_SOCKET", "/run/b.sock")));
        assertEquals(Path.of("/run/ctsync/ctsyncd.sock"), ControlSocketPath.defaultPath(Map.of()));
    }
}
