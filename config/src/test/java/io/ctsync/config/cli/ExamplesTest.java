package io.ctsync.config.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ctsync.config.Settings;
import io.ctsync.config.SettingsLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example configuration shipped in the repository (docs/examples, and ctsync*.conf /
 * conntrackd*.conf under systemd/) passes --check-config, and every conntrackd.conf example
 * converts to HOCON that loads to equal settings.
 */
class ExamplesTest {
    private static final Path CONNTRACKD = Path.of("/usr/sbin/conntrackd");

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs/examples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "docs/examples not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static List<Path> examples() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(repoRoot().resolve("docs/examples"))) {
            s.filter(ExamplesTest::isConfig).sorted().forEach(out::add);
        }
        Path systemd = repoRoot().resolve("systemd");
        if (Files.isDirectory(systemd)) {
            try (Stream<Path> s = Files.list(systemd)) {
                s.filter(ExamplesTest::isConfig).sorted().forEach(out::add);
            }
        }
        return out;
    }

    static List<Path> conntrackdExamples() throws IOException {
        return examples().stream().filter(ExamplesTest::isConntrackd).toList();
    }

    private static boolean isConfig(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".conf") && (n.startsWith("ctsync") || n.startsWith("conntrackd"));
    }

    private static boolean isConntrackd(Path p) {
        return p.getFileName().toString().startsWith("conntrackd");
    }

    @Test
    void shouldShipAnExampleForEveryModeAndTransport() throws IOException {
        List<String> names =
                examples().stream().map(p -> p.getFileName().toString()).toList();
        for (String n : List.of(
                "ctsync-ftfw-udp.conf",
                "ctsync-notrack-multicast.conf",
                "ctsync-alarm-tcp.conf",
                "conntrackd-ftfw-udp.conf",
                "conntrackd-ftfw-multicast.conf",
                "conntrackd-notrack.conf",
                "conntrackd-alarm.conf",
                "conntrackd-tcp.conf")) {
            assertTrue(names.contains(n), n);
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldPassCheckConfig(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = isConntrackd(file)
                ? new String[] {"--check-config", "-C", file.toString()}
                : new String[] {"--check-config", "--config", file.toString()};
        int rc = ConfigCheck.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("conntrackdExamples")
    void shouldConvertToHoconThatLoadsToEqualSettings(Path file, @TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ConfigConvert.run(
                new String[] {"--convert-config", "-C", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        Path converted = dir.resolve("ctsync.conf");
        Files.writeString(converted, out.toString(StandardCharsets.UTF_8));
        Settings original = SettingsLoader.loadConntrackdConf(file, Map.of()).settings();
        assertEquals(original, SettingsLoader.loadHocon(converted, Map.of()).settings());
    }

    /** The examples are real conntrackd.conf files: conntrackd's own parser accepts them. */
    @ParameterizedTest
    @MethodSource("conntrackdExamples")
    void shouldBeAcceptedByConntrackdsOwnParser(Path file) throws Exception {
        assumeTrue(Files.isExecutable(CONNTRACKD), "conntrackd is not installed");
        // as a client (-s) conntrackd parses the whole file, then fails to connect: only parse errors matter
        Process p = new ProcessBuilder(CONNTRACKD.toString(), "-C", file.toString(), "-s")
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "conntrackd did not finish");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(
                output.contains("parsing config file")
                        || output.contains("syntax error")
                        || output.contains("[ERROR] cannot")
                        || output.contains("is not a valid"),
                output);
    }
}
