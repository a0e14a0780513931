package io.ctsync.daemon.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's main command until the failover lab exists: it must work and leave nothing behind. */
class KernelDemoIT {

    @Test
    void shouldCreateDumpWatchAndDeleteEntriesThenRemoveItsNamespace() throws Exception {
        assumeTrue(
                new String(
                                new ProcessBuilder("id", "-u")
                                        .start()
                                        .getInputStream()
                                        .readAllBytes(),
                                StandardCharsets.UTF_8)
                        .trim()
                        .equals("0"),
                "needs root for network namespaces");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = KernelDemo.run(
                List.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("created 5 of 5 sample entries"), text);
        assertTrue(
                text.contains("dst=203.0.113.1 sport=53 dport=61000"), "SNAT reply tuple built by the kernel: " + text);
        assertTrue(text.contains("NEW events received for the batch: 20000 of 20000, overruns: 0"), text);
        assertTrue(text.contains("table now holds 0"), text);
        assertTrue(text.contains("== private network namespace net:["), text);
        assertFalse(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals(KernelDemo.HOLDER_THREAD)),
                "the demo left the thread holding its namespace behind");
    }
}
