package io.ctsync.daemon.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ctsync.daemon.netlink.NetworkNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fresh, private network namespace for a kernel integration test ({@code cts-<random>-<role>}), with
 * loopback up and conntrack events always on; deleted on {@link #close()}. Never touches the root
 * namespace's conntrack table.
 */
public final class TestNetns implements AutoCloseable {
    /** The skip reason every kernel integration test uses. */
    public static final String SKIP_REASON = "needs root for network namespaces";

    private final String name;
    private final NetworkNamespace namespace;
    private boolean closed;

    private TestNetns(String name) {
        this.name = name;
        this.namespace = NetworkNamespace.named(name);
    }

    /** Skips the calling test unless running as uid 0 with {@code ip} installed. */
    public static void assumeRootWithIp() {
        assumeTrue(isRoot() && hasCommand("ip"), SKIP_REASON);
    }

    /** Skips the calling test unless {@code command} is installed. */
    public static void assumeCommand(String command) {
        assumeTrue(hasCommand(command), "needs the " + command + " command");
    }

    public static boolean isRoot() {
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            for (String line : status.split("\n")) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    public static boolean hasCommand(String command) {
        for (String dir : System.getenv()
                .getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
                .split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Creates {@code cts-<random>-<role>} with {@code ip netns add}, brings loopback up and sets {@code
     * net.netfilter.nf_conntrack_events=1} inside it.
     */
    public static TestNetns create(String role) {
        String name =
                "cts-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff)) + "-" + role;
        if (name.length() > 40) {
            throw new IllegalArgumentException("role too long: " + role);
        }
        run("ip", "netns", "add", name);
        TestNetns ns = new TestNetns(name);
        try {
            ns.exec("ip", "link", "set", "lo", "up");
            ns.exec("sysctl", "-q", "-w", "net.netfilter.nf_conntrack_events=1");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    public NetworkNamespace namespace() {
        return namespace;
    }

    /** Runs {@code command} inside the namespace ({@code ip netns exec}); fails on a non-zero exit. */
    public String exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(Arrays.asList(command));
        return run(full.toArray(new String[0]));
    }

    /** Loads an nftables ruleset (text for {@code nft -f -}) into the namespace. */
    public void nft(String ruleset) {
        runWithInput(ruleset, "ip", "netns", "exec", name, "nft", "-f", "-");
    }

    /** {@code conntrack -L -o extended} inside the namespace (both families), one line per entry. */
    public List<String> conntrackList() {
        List<String> lines = new ArrayList<>();
        for (String line : exec("conntrack", "-L", "-o", "extended").split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** The parsed {@link #conntrackList()}. */
    public List<ConntrackToolLine> conntrackTable() {
        return ConntrackToolLine.parseAll(conntrackList());
    }

    /** The namespace's {@code nf_conntrack_count}. */
    public int conntrackCount() {
        return Integer.parseInt(
                exec("cat", "/proc/sys/net/netfilter/nf_conntrack_count").strip());
    }

    /** Creates a veth pair {@code a} (in this namespace) ↔ {@code b} (in {@code other}), both up. */
    public void vethTo(TestNetns other, String a, String b) {
        run("ip", "link", "add", a, "netns", name, "type", "veth", "peer", "name", b, "netns", other.name);
        exec("ip", "link", "set", a, "up");
        other.exec("ip", "link", "set", b, "up");
    }

    /** Deletes the namespace (idempotent). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            run("ip", "netns", "del", name);
        }
    }

    /** Runs a command and returns its standard output; fails with its output on a non-zero exit. */
    public static String run(String... command) {
        return runWithInput(null, command);
    }

    private static String runWithInput(String input, String... command) {
        Path err = null;
        try {
            err = Files.createTempFile("ctsync-test-", ".stderr");
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
            Process p = pb.start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + text
                        + Files.readString(err));
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
