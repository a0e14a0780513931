package io.ctsync.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ctsyncctl against a real conntrackd (Debian's) running in a private network namespace: the
 * conntrackd control protocol, the socket path from {@code -C}, and the exit codes.
 */
class ConntrackdPeerIT {
    private String ns;
    private Path dir;
    private Process conntrackd;

    @BeforeEach
    void startConntrackd() throws Exception {
        assumeTrue(isRoot(), "needs root for network namespaces");
        assumeTrue(onPath("ip"), "needs the ip command (iproute2)");
        assumeTrue(onPath("conntrackd"), "needs Debian's conntrackd as the peer");
        assumeTrue(onPath("conntrack"), "needs the conntrack command to create a test entry");
        ns = "cts-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)) + "-ctl";
        dir = Files.createTempDirectory("cts-ctl-");
        sh("ip", "netns", "add", ns);
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        sh("ip", "netns", "exec", ns, "sysctl", "-qw", "net.netfilter.nf_conntrack_events=1");
        Files.writeString(
                dir.resolve("conntrackd.conf"),
                """
                Sync {
                    Mode FTFW { }
                    UDP Default {
                        IPv4_address 127.0.0.1
                        IPv4_Destination_Address 127.0.0.2
                        Port 3780
                        Interface lo
                    }
                }
                General {
                    LockFile %1$s/lock
                    UNIX { Path %1$s/ctl }
                    LogFile %1$s/log
                    Syslog off
                    Systemd off
                }
                """
                        .formatted(dir));
        conntrackd = new ProcessBuilder("ip", "netns", "exec", ns, "conntrackd", "-C", conf().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(dir.resolve("ctl")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(dir.resolve("ctl")), "conntrackd did not create its socket: " + console());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (conntrackd != null) {
            conntrackd.destroy();
            if (!conntrackd.waitFor(5, TimeUnit.SECONDS)) {
                conntrackd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (ns != null) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private Path conf() {
        return dir.resolve("conntrackd.conf");
    }

    private String console() throws IOException {
        return Files.exists(dir.resolve("console")) ? Files.readString(dir.resolve("console")) : "";
    }

    private record Run(int exit, String out, String err) {}

    private static Run ctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = CtsyncctlMain.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintConntrackdStatisticsThroughItsControlProtocol() {
        Run r = ctl("-C", conf().toString(), "-s");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("cache internal:\ncurrent active connections:\t"), r.out());
        assertTrue(r.out().contains("cache external:"), r.out());

        Run network = ctl("-C", conf().toString(), "stats", "network");
        assertEquals(0, network.exit(), network.err());
        assertTrue(network.out().contains("Wrong protocol version:"), network.out());
    }

    @Test
    void shouldDumpAnEntryFromConntrackdsInternalCache() throws Exception {
        sh(
                "ip",
                "netns",
                "exec",
                ns,
                "conntrack",
                "-I",
                "-p",
                "tcp",
                "-s",
                "10.9.8.7",
                "-d",
                "10.9.8.6",
                "--sport",
                "40000",
                "--dport",
                "443",
                "--state",
                "ESTABLISHED",
                "-t",
                "300",
                "-u",
                "SEEN_REPLY,ASSURED",
                "-m",
                "77");
        String out = "";
        for (int i = 0; i < 50 && !out.contains("src=10.9.8.7"); i++) {
            Thread.sleep(100);
            Run r = ctl("-C", conf().toString(), "dump", "internal");
            assertEquals(0, r.exit(), r.err());
            out = r.out();
        }
        assertTrue(out.contains("src=10.9.8.7 dst=10.9.8.6 sport=40000 dport=443"), out);
        assertTrue(out.contains("mark=77"), out);
    }

    @Test
    void shouldReportNotRunningWithItsOwnExitCodeAfterKill() throws Exception {
        Run kill = ctl("-C", conf().toString(), "-k");
        assertEquals(0, kill.exit(), kill.err());
        assertTrue(conntrackd.waitFor(10, TimeUnit.SECONDS), "conntrackd did not exit on -k");
        Run after = ctl("-C", conf().toString(), "-s");
        assertEquals(ExitCode.NOT_RUNNING.code(), after.exit(), after.err());
        assertTrue(after.err().contains("no daemon listens on " + dir.resolve("ctl")), after.err());
    }

    @Test
    void shouldRefuseANonRootClientWithThePermissionExitCode() throws Exception {
        Path jar = Path.of(System.getProperty("user.dir")).resolve("target/ctsyncctl.jar");
        assumeTrue(Files.exists(jar), "needs the packaged ctsyncctl.jar (run through mvn verify)");
        assumeTrue(onPath("setpriv"), "needs setpriv (util-linux) to run as an unprivileged user");
        // The client runs as nobody; the socket is root's, mode 0600.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        "setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        java,
                        "-jar",
                        jar.toString(),
                        "--socket",
                        dir.resolve("ctl").toString(),
                        "-s")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCode.PERMISSION_DENIED.code(), p.exitValue(), out);
        assertTrue(out.contains("permission denied"), out);
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .trim()
                    .equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv()
                .getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
                .split(":")) {
            if (Files.isExecutable(Path.of(d, cmd))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", cmd)) || Files.isExecutable(Path.of("/sbin", cmd));
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
