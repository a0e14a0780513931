package io.ctsync.bench;

import io.ctsync.daemon.netlink.BatchRequestWriter;
import io.ctsync.daemon.netlink.BatchResult;
import io.ctsync.daemon.netlink.ConntrackDump;
import io.ctsync.daemon.netlink.ConntrackEvent;
import io.ctsync.daemon.netlink.ConntrackEventSubscriber;
import io.ctsync.daemon.netlink.ConntrackRequests;
import io.ctsync.daemon.netlink.DumpReader;
import io.ctsync.daemon.netlink.DumpResult;
import io.ctsync.daemon.netlink.EventListener;
import io.ctsync.daemon.netlink.EventSubscriber;
import io.ctsync.daemon.netlink.NativeBuffer;
import io.ctsync.daemon.netlink.NetlinkSocket;
import io.ctsync.daemon.netlink.NetworkNamespace;
import io.ctsync.daemon.netlink.SubscriberCounter;
import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Tuple;
import io.ctsync.protocol.ctnetlink.ConntrackEncoder;
import io.ctsync.protocol.ctnetlink.DumpFilter;
import io.ctsync.protocol.ctnetlink.MessageKind;
import io.ctsync.protocol.netlink.NetlinkMessageReader;
import io.ctsync.protocol.netlink.NetlinkMessageWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kernel benchmark of the netlink layer (not a test): in an existing throwaway namespace it measures
 * batched inserts, dump+decode, deletes, and event receive+decode while a second JVM inserts a burst, and
 * prints medians against the targets. Run it through {@code bench/kernel-bench.sh}, which creates and
 * removes the namespace.
 */
public final class KernelBench {
    static final double TARGET_INSERTS = 500_000;
    static final double TARGET_DUMP = 800_000;

    private KernelBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        String ns = opts.get("netns");
        if (ns == null) {
            System.err.println("usage: KernelBench --netns NAME [--entries 100000] [--runs 3] [--batch 256] "
                    + "[--pause-ms 2000] [--event-buffer BYTES] [--phases all|events]");
            System.exit(2);
        }
        int entries = Integer.parseInt(opts.getOrDefault("entries", "100000"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "256"));
        if (args.length > 0 && args[0].equals("burst")) {
            burstChild(NetworkNamespace.named(ns), entries, batch);
            return;
        }
        int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
        long pauseMs = Long.parseLong(opts.getOrDefault("pause-ms", "2000"));
        int eventBuffer = Integer.parseInt(
                opts.getOrDefault("event-buffer", Integer.toString(EventSubscriber.DEFAULT_RECEIVE_BUFFER)));
        boolean eventsOnly = opts.getOrDefault("phases", "all").equals("events");
        new Run(NetworkNamespace.named(ns), ns, entries, runs, batch, pauseMs, eventBuffer, eventsOnly)
                .execute(System.out);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                m.put(args[i].substring(2), args[++i]);
            }
        }
        return m;
    }

    /** {@code n} distinct established IPv4 TCP entries (the 180-byte CT_NEW of ctnetlink.md §8.6). */
    static List<ConntrackEntry> entries(int n) {
        List<ConntrackEntry> out = new ArrayList<>(n);
        IpAddress server = IpAddress.parse("192.0.2.10");
        for (int i = 0; i < n; i++) {
            Tuple orig = new Tuple(
                    IpAddress.v4((10 << 24) | i), server, IpProtocol.TCP, 1024 + (i % 60_000), 443, Tuple.NO_ZONE);
            out.add(ConntrackEntry.builder()
                    .original(orig)
                    .reply(orig.invert())
                    .status(ConntrackStatus.SEEN_REPLY | ConntrackStatus.ASSURED | ConntrackStatus.CONFIRMED)
                    .timeout(600)
                    .mark(0x1234)
                    .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, 0x0a, 0x0a))
                    .build());
        }
        return out;
    }

    /** The second process of the event measurement: inserts a burst each time it reads "go". */
    private static void burstChild(NetworkNamespace ns, int n, int batch) throws Exception {
        List<ConntrackEntry> all = entries(n);
        PrintStream out = System.out;
        try (BatchRequestWriter w = BatchRequestWriter.open(
                ns, BatchRequestWriter.Options.defaults().withBatchSize(batch))) {
            // warm the JIT on a small table before the parent starts listening
            for (int i = 0; i < 3; i++) {
                w.write(all.subList(0, Math.min(20_000, n)), ConntrackRequests.CREATE, (e, f) -> {});
                w.write(List.of(DumpFilter.ALL), ConntrackRequests.FLUSH, (f, x) -> {});
            }
            out.println("ready");
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && line.equals("go")) {
                long t0 = System.nanoTime();
                BatchResult r = w.write(all, ConntrackRequests.CREATE, (e, f) -> {});
                long t1 = System.nanoTime();
                out.println("done " + (t1 - t0) + " " + r.succeeded());
                out.flush();
            }
        }
    }

    /** One benchmark session. */
    private static final class Run {
        final NetworkNamespace ns;
        final String nsName;
        final int n;
        final int runs;
        final int batch;
        final long pauseMs;
        final int eventBuffer;
        final boolean eventsOnly;
        final Map<String, List<Double>> results = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();

        Run(
                NetworkNamespace ns,
                String nsName,
                int n,
                int runs,
                int batch,
                long pauseMs,
                int eventBuffer,
                boolean eventsOnly) {
            this.eventsOnly = eventsOnly;
            this.ns = ns;
            this.nsName = nsName;
            this.n = n;
            this.runs = runs;
            this.batch = batch;
            this.pauseMs = pauseMs;
            this.eventBuffer = eventBuffer;
        }

        void record(String metric, double value) {
            results.computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
        }

        void execute(PrintStream out) throws Exception {
            // Files.readString reads sysctl files short (they report size 0); read a line instead
            Path maxFile = Path.of("/proc/sys/net/netfilter/nf_conntrack_max");
            int max = Integer.parseInt(Files.readAllLines(maxFile).get(0).strip());
            if (n > max * 9L / 10) {
                throw new IllegalArgumentException(
                        n + " entries would come close to nf_conntrack_max (" + max + "); use fewer");
            }
            out.printf(
                    Locale.ROOT,
                    "kernel bench: netns %s, %d IPv4 TCP entries, batch %d, %d runs, %d ms pause after flushes,"
                            + " nf_conntrack_max %d, %d CPUs, %s%n",
                    nsName,
                    n,
                    batch,
                    runs,
                    pauseMs,
                    max,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            List<ConntrackEntry> all = entries(n);
            Process child = startChild();
            try (BatchRequestWriter writer = BatchRequestWriter.open(
                            ns, BatchRequestWriter.Options.defaults().withBatchSize(batch));
                    ConntrackDump dump = ConntrackDump.open(ns)) {
                BufferedReader childOut =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter childIn = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
                expect(childOut, "ready");
                flush(writer);
                if (!eventsOnly) {
                    // warm-up round, not recorded
                    oneRound(writer, dump, all.subList(0, Math.min(n, 20_000)), false);
                }
                for (int r = 1; r <= runs; r++) {
                    out.printf(Locale.ROOT, "run %d ...%n", r);
                    if (!eventsOnly) {
                        oneRound(writer, dump, all, true);
                    }
                    events(writer, childIn, childOut);
                }
                childIn.println("exit");
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            report(out);
        }

        private Process startChild() throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    KernelBench.class.getName(),
                    "burst",
                    "--netns",
                    nsName,
                    "--entries",
                    Integer.toString(n),
                    "--batch",
                    Integer.toString(batch)));
            return new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        }

        private static String expect(BufferedReader in, String prefix) throws IOException {
            String line = in.readLine();
            if (line == null || !line.startsWith(prefix)) {
                throw new IOException("inserter process said " + line + ", expected " + prefix);
            }
            return line;
        }

        private void pause() throws InterruptedException {
            Thread.sleep(pauseMs);
        }

        private void flush(BatchRequestWriter writer) throws InterruptedException {
            BatchResult r = writer.write(List.of(DumpFilter.ALL), ConntrackRequests.FLUSH, (f, x) -> {});
            if (!r.allSucceeded()) {
                throw new IllegalStateException("flush failed: " + r);
            }
            pause(); // RCU frees the flushed entries in the background (ctnetlink.md §18 pitfall 8)
        }

        private void oneRound(BatchRequestWriter writer, ConntrackDump dump, List<ConntrackEntry> all, boolean keep)
                throws Exception {
            int size = all.size();
            // the kernel's own pace in this run: prebuilt datagrams, nothing decoded
            double kernelInsert = kernelOnlyInsert(all);
            DumpReader raw = rawDumper();
            AtomicLong messages = new AtomicLong();
            long r0 = System.nanoTime();
            DumpResult rd = raw.dump(ConntrackRequests.dump(DumpFilter.ALL), m -> messages.incrementAndGet() > 0);
            long r1 = System.nanoTime();
            raw.close();
            if (!rd.complete() || messages.get() != size) {
                throw new IllegalStateException("raw dump: " + rd);
            }
            check(writer.write(all, ConntrackRequests.DELETE, (e, f) -> {}), size, "delete");
            pause();

            long t0 = System.nanoTime();
            BatchResult ins = writer.write(all, ConntrackRequests.CREATE, (e, f) -> {});
            long t1 = System.nanoTime();
            check(ins, size, "insert");

            AtomicLong decoded = new AtomicLong();
            AtomicLong checksum = new AtomicLong();
            long t2 = System.nanoTime();
            DumpResult d = dump.entries(e -> {
                decoded.incrementAndGet();
                checksum.addAndGet(e.original().srcPort() + e.mark());
            });
            long t3 = System.nanoTime();
            if (!d.complete() || decoded.get() != size) {
                throw new IllegalStateException("dump: " + d + ", decoded " + decoded.get() + " of " + size);
            }

            long t4 = System.nanoTime();
            BatchResult del = writer.write(all, ConntrackRequests.DELETE, (e, f) -> {});
            long t5 = System.nanoTime();
            check(del, size, "delete");
            if (keep) {
                record("insert (entries/s)", rate(size, t1 - t0));
                record("  kernel only: prebuilt datagrams", kernelInsert);
                record("dump+decode (entries/s)", rate(size, t3 - t2));
                record("  kernel only: dump, no decoding", rate(size, r1 - r0));
                record("delete (entries/s)", rate(size, t5 - t4));
            }
            pause();
        }

        private DumpReader rawDumper() throws Exception {
            return DumpReader.open(ns);
        }

        /**
         * Inserts {@code all} from datagrams encoded before the clock starts (same batch size, ACK on the
         * last message): the rate the kernel itself sustains, the ceiling for the writer.
         */
        private double kernelOnlyInsert(List<ConntrackEntry> all) throws Exception {
            List<NativeBuffer> datagrams = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            int seq = 1_000_000;
            for (int i = 0; i < all.size(); i += batch) {
                NativeBuffer b = NativeBuffer.allocate(batch * ConntrackEncoder.MAX_ENTRY_MESSAGE_BYTES);
                NetlinkMessageWriter w = new NetlinkMessageWriter(b.buffer());
                for (int j = i; j < Math.min(all.size(), i + batch); j++) {
                    ConntrackEncoder.create(w, seq++, all.get(j), ConntrackEncoder.CreateMode.EXCLUSIVE);
                }
                w.setAckOnLastMessage();
                datagrams.add(b);
                lengths.add(w.length());
            }
            NativeBuffer reply = NativeBuffer.allocate(64 << 10);
            NetlinkMessageReader r = new NetlinkMessageReader();
            try (NetlinkSocket s = ns.openNetlinkSocket()) {
                s.setSendBuffer(BatchRequestWriter.DEFAULT_SEND_BUFFER);
                s.setReceiveBuffer(BatchRequestWriter.DEFAULT_RECEIVE_BUFFER);
                s.setCapAck(true);
                s.setReceiveTimeout(java.time.Duration.ofSeconds(5));
                long errors = 0;
                long t0 = System.nanoTime();
                for (int k = 0; k < datagrams.size(); k++) {
                    NativeBuffer b = datagrams.get(k);
                    if (s.send(b, 0, lengths.get(k)) < 0) {
                        throw new IllegalStateException("sendto failed");
                    }
                    boolean acked = false;
                    while (!acked) {
                        int n = s.receive(reply, 0, 64 << 10);
                        if (n < 0) {
                            throw new IllegalStateException("no ACK: errno " + -n);
                        }
                        r.reset(reply.buffer(), 0, n);
                        while (r.next()) {
                            int err = r.buffer().getInt(r.payloadOffset());
                            if (err != 0) {
                                errors++;
                            }
                            if ((r.buffer().getShort(r.payloadOffset() + 4 + 6) & 0x4) != 0) {
                                acked = true; // the reply to the message that asked for the ACK
                            }
                        }
                    }
                }
                long t1 = System.nanoTime();
                if (errors != 0) {
                    throw new IllegalStateException(errors + " kernel errors in the prebuilt insert");
                }
                return rate(all.size(), t1 - t0);
            }
        }

        private static void check(BatchResult r, int size, String what) {
            if (r.succeeded() != size) {
                throw new IllegalStateException(what + ": " + r);
            }
        }

        private void events(BatchRequestWriter writer, PrintWriter childIn, BufferedReader childOut) throws Exception {
            Counter counter = new Counter();
            EventSubscriber.Options o = EventSubscriber.Options.defaults().withReceiveBuffer(eventBuffer);
            long burstNanos;
            long received;
            long overruns;
            try (ConntrackEventSubscriber sub = ConntrackEventSubscriber.start(ns, false, o, counter)) {
                long t0 = System.nanoTime();
                childIn.println("go");
                String[] done = expect(childOut, "done").split(" ");
                burstNanos = Long.parseLong(done[1]);
                if (Long.parseLong(done[2]) != n) {
                    throw new IllegalStateException("inserter: " + String.join(" ", done));
                }
                long idleSince = System.nanoTime();
                long last = -1;
                while (counter.news.get() < n && System.nanoTime() - idleSince < TimeUnit.SECONDS.toNanos(2)) {
                    Thread.sleep(5);
                    if (counter.news.get() != last) {
                        last = counter.news.get();
                        idleSince = System.nanoTime();
                    }
                }
                received = counter.news.get();
                overruns = sub.counters().get(SubscriberCounter.OVERRUNS);
                long span = counter.lastNanos.get() - t0;
                record("events received+decoded (events/s)", rate(received, span));
                record("inserter during burst (entries/s)", rate(n, burstNanos));
                record("events lost", n - received);
                record("ENOBUFS overruns", overruns);
            }
            flush(writer);

            // the same burst while the listener is blocked until the inserter has finished: the receive
            // buffer alone must hold the whole burst
            Counter stalled = new Counter();
            stalled.gate = new java.util.concurrent.CountDownLatch(1);
            try (ConntrackEventSubscriber sub = ConntrackEventSubscriber.start(ns, false, o, stalled)) {
                childIn.println("go");
                expect(childOut, "done");
                long released = System.nanoTime();
                stalled.gate.countDown();
                long idleSince = System.nanoTime();
                long last = -1;
                while (stalled.news.get() < n && System.nanoTime() - idleSince < TimeUnit.SECONDS.toNanos(2)) {
                    Thread.sleep(5);
                    if (stalled.news.get() != last) {
                        last = stalled.news.get();
                        idleSince = System.nanoTime();
                    }
                }
                record("events lost, reader stalled", n - stalled.news.get());
                record(
                        "reader drain of queued burst (events/s)",
                        rate(stalled.news.get(), stalled.lastNanos.get() - released));
            }
            flush(writer);
        }

        private static double rate(long count, long nanos) {
            return nanos <= 0 ? 0 : count * 1e9 / nanos;
        }

        private void report(PrintStream out) {
            out.println();
            out.printf(Locale.ROOT, "%-40s %-30s %10s %8s %8s%n", "metric", "runs", "median", "target", "ratio");
            for (Map.Entry<String, List<Double>> e : results.entrySet()) {
                String metric = e.getKey();
                double median = median(e.getValue());
                String target = "";
                String ratio = "";
                if (metric.startsWith("insert (")) {
                    target = fmt(TARGET_INSERTS);
                    ratio = String.format(Locale.ROOT, "%.2f", median / TARGET_INSERTS);
                } else if (metric.startsWith("dump")) {
                    target = fmt(TARGET_DUMP);
                    ratio = String.format(Locale.ROOT, "%.2f", median / TARGET_DUMP);
                } else if (metric.startsWith("events lost")) {
                    target = "0";
                    ratio = e.getValue().stream().allMatch(v -> v == 0) ? "met" : "MISSED";
                }
                out.printf(
                        Locale.ROOT,
                        "%-40s %-30s %10s %8s %8s%n",
                        metric,
                        e.getValue().stream().map(KernelBench::fmt).toList(),
                        fmt(median),
                        target,
                        ratio);
            }
            out.printf(
                    Locale.ROOT,
                    "event receive buffer: %d bytes (effective); events: a second JVM inserts %d entries "
                            + "(batched, ACK on last) while this one subscribes; rate = events / (go → last event)%n",
                    eventBuffer,
                    n);
            share(out, "insert", "insert (entries/s)", "  kernel only: prebuilt datagrams");
            share(out, "dump+decode", "dump+decode (entries/s)", "  kernel only: dump, no decoding");
            notes.forEach(out::println);
        }

        private void share(PrintStream out, String what, String ours, String kernel) {
            if (results.containsKey(ours) && results.containsKey(kernel)) {
                out.printf(
                        Locale.ROOT,
                        "%s: %.0f %% of what the kernel sustains in the same run (median %s vs %s)%n",
                        what,
                        100 * median(results.get(ours)) / median(results.get(kernel)),
                        fmt(median(results.get(ours))),
                        fmt(median(results.get(kernel))));
            }
        }

        private static double median(List<Double> v) {
            double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        }
    }

    static String fmt(double v) {
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** Counts NEW events and remembers when the last one arrived (reader thread). */
    private static final class Counter implements EventListener<ConntrackEvent> {
        final AtomicLong news = new AtomicLong();
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

        @Override
        public void onEvents(List<ConntrackEvent> events) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long c = 0;
            for (ConntrackEvent e : events) {
                if (e.kind() == MessageKind.NEW) {
                    c++;
                }
            }
            news.addAndGet(c);
            lastNanos.set(System.nanoTime());
        }

        @Override
        public void onEventsLost(long overruns) {
            lost.set(overruns);
        }
    }
}
