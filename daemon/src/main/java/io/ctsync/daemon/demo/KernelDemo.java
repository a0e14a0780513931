package io.ctsync.daemon.demo;

import io.ctsync.daemon.netlink.BatchRequestWriter;
import io.ctsync.daemon.netlink.BatchResult;
import io.ctsync.daemon.netlink.ConntrackDump;
import io.ctsync.daemon.netlink.ConntrackEvent;
import io.ctsync.daemon.netlink.ConntrackEventSubscriber;
import io.ctsync.daemon.netlink.ConntrackRequests;
import io.ctsync.daemon.netlink.DumpResult;
import io.ctsync.daemon.netlink.EventListener;
import io.ctsync.daemon.netlink.NetlinkException;
import io.ctsync.daemon.netlink.NetworkNamespace;
import io.ctsync.daemon.netlink.PrivateNetworkNamespace;
import io.ctsync.protocol.conntrack.ConntrackEntry;
import io.ctsync.protocol.conntrack.ConntrackStatus;
import io.ctsync.protocol.conntrack.IpAddress;
import io.ctsync.protocol.conntrack.IpProtocol;
import io.ctsync.protocol.conntrack.NatRange;
import io.ctsync.protocol.conntrack.TcpInfo;
import io.ctsync.protocol.conntrack.TcpState;
import io.ctsync.protocol.conntrack.Tuple;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ctsyncd demo}: shows the kernel layer at work in a throwaway network namespace. It
 * subscribes to conntrack events, creates entries (TCP, UDP with source NAT, ICMP, IPv6, a
 * zone) through the batched ctnetlink writer, dumps them, inserts and deletes a batch of
 * 20 000 entries with their rates. The namespace is private to the process (unshared, unnamed),
 * so it disappears with the demo however the demo ends.
 */
public final class KernelDemo {
    /** Name of the thread that holds the demo's namespace open. */
    public static final String HOLDER_THREAD = "ctsync-demo-netns";

    private static final int BULK = 20_000;

    private final PrintStream out;
    private final ConcurrentLinkedQueue<ConntrackEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicLong eventCount = new AtomicLong();
    private final AtomicLong overruns = new AtomicLong();

    private KernelDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("ctsyncd demo: takes no arguments, got " + args);
            return 2;
        }
        PrivateNetworkNamespace ns;
        try {
            ns = PrivateNetworkNamespace.create(HOLDER_THREAD);
        } catch (NetlinkException e) {
            err.println("ctsyncd demo: cannot create a network namespace (" + e.getMessage()
                    + "); the demo needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN)");
            return 1;
        }
        try (ns) {
            out.println("== private network namespace " + ns.id() + " created (gone when the demo ends)");
            new KernelDemo(out).show(ns.namespace());
            return 0;
        } catch (Exception e) {
            err.println("ctsyncd demo: failed: " + e);
            return 1;
        }
    }

    private void show(NetworkNamespace ns) throws Exception {
        EventListener<ConntrackEvent> listener = new EventListener<>() {
            @Override
            public void onEvents(List<ConntrackEvent> batch) {
                eventCount.addAndGet(batch.size());
                if (events.size() < 64) {
                    events.addAll(batch);
                }
            }

            @Override
            public void onEventsLost(long total) {
                overruns.set(total);
            }
        };
        try (ConntrackEventSubscriber subscriber = ConntrackEventSubscriber.start(ns, listener);
                BatchRequestWriter writer = BatchRequestWriter.open(ns);
                ConntrackDump dumper = ConntrackDump.open(ns)) {
            out.printf(
                    "== subscribed to conntrack events (receive buffer %d MiB); writer port id %s%n",
                    subscriber.receiveBuffer() >> 20, Integer.toUnsignedString(writer.portId()));

            List<ConntrackEntry> samples = samples();
            BatchResult created = writer.write(
                    samples,
                    ConntrackRequests.CREATE,
                    (e, f) -> out.println("   kernel refused " + e.original() + ": " + f));
            out.printf(
                    "== created %d of %d sample entries in %d datagram(s)%n",
                    created.succeeded(), created.requests(), created.datagrams());

            out.println("== dump of the namespace's table:");
            dump(dumper).forEach(e -> out.println("   " + e));

            waitFor(() -> eventCount.get() >= samples.size(), 2000);
            out.println("== events received so far:");
            events.stream()
                    .limit(8)
                    .forEach(ev -> out.println("   " + ev.kind() + " from port id "
                            + Integer.toUnsignedString(ev.originPortId())
                            + (ev.causedBy(writer.portId()) ? " (our writer)" : "") + ": " + describe(ev)));

            List<ConntrackEntry> bulk = bulk(BULK);
            long before = eventCount.get();
            long t0 = System.nanoTime();
            BatchResult inserted = writer.write(bulk, ConntrackRequests.CREATE, (e, f) -> {});
            long t1 = System.nanoTime();
            List<ConntrackEntry> all = dump(dumper);
            long t2 = System.nanoTime();
            out.printf(
                    "== inserted %d entries in %d datagrams: %.0f entries/s (cold JVM, one run: bench/ measures rates)%n",
                    inserted.succeeded(), inserted.datagrams(), rate(inserted.succeeded(), t1 - t0));
            out.printf("== dumped and decoded %d entries: %.0f entries/s%n", all.size(), rate(all.size(), t2 - t1));
            waitFor(() -> eventCount.get() - before >= BULK, 5000);
            out.printf(
                    "== NEW events received for the batch: %d of %d, overruns: %d%n",
                    eventCount.get() - before, BULK, overruns.get());

            long t3 = System.nanoTime();
            BatchResult deleted = writer.write(all, ConntrackRequests.DELETE, (e, f) -> {});
            long t4 = System.nanoTime();
            out.printf(
                    "== deleted %d entries: %.0f entries/s; table now holds %d%n",
                    deleted.succeeded(),
                    rate(deleted.succeeded(), t4 - t3),
                    dump(dumper).size());
        }
    }

    private static String describe(ConntrackEvent ev) {
        if (ev instanceof ConntrackEvent.EntryEvent e) {
            return e.entry().original().toString();
        }
        return "expectation " + ((ConntrackEvent.ExpectationEvent) ev).expectation();
    }

    private static List<ConntrackEntry> dump(ConntrackDump dumper) throws Exception {
        List<ConntrackEntry> entries = new ArrayList<>();
        DumpResult r = dumper.entries(entries::add);
        if (!r.complete()) {
            throw new IOException("dump failed: " + r.errnoName() + " " + r.errorMessage());
        }
        return entries;
    }

    private static ConntrackEntry.Builder established(Tuple orig) {
        return ConntrackEntry.builder()
                .original(orig)
                .reply(orig.invert())
                .status(ConntrackStatus.CONFIRMED | ConntrackStatus.SEEN_REPLY | ConntrackStatus.ASSURED)
                .timeout(300);
    }

    private static List<ConntrackEntry> samples() {
        int tcp = IpProtocol.TCP;
        return List.of(
                established(Tuple.of("10.0.0.5", "192.0.2.10", tcp, 33000, 443))
                        .mark(0x1234)
                        .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, 0x0a, 0x0a))
                        .build(),
                established(Tuple.of("10.0.0.6", "198.51.100.7", IpProtocol.UDP, 5353, 53))
                        .natSource(NatRange.to(IpAddress.parse("203.0.113.1"), 61000))
                        .build(),
                established(Tuple.icmp(IpAddress.parse("10.0.0.7"), IpAddress.parse("192.0.2.1"), 8, 0, 4660))
                        .timeout(30)
                        .build(),
                established(Tuple.of("2001:db8::5", "2001:db8:1::10", tcp, 40000, 22))
                        .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, 0x0a, 0x0a))
                        .build(),
                established(Tuple.of("10.0.0.8", "192.0.2.20", IpProtocol.UDP, 4500, 4500))
                        .zone(7)
                        .build());
    }

    private static List<ConntrackEntry> bulk(int n) {
        List<ConntrackEntry> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tuple orig = Tuple.of(
                    IpAddress.v4(0x0a640000 | (i >>> 8)),
                    IpAddress.v4(0xc6336401),
                    IpProtocol.TCP,
                    1024 + (i & 0xff),
                    443);
            list.add(established(orig)
                    .tcp(TcpInfo.withFlags(TcpState.ESTABLISHED, 0x0a, 0x0a))
                    .build());
        }
        return list;
    }

    private static double rate(long n, long nanos) {
        return n / Math.max(1e-9, nanos / 1e9);
    }

    private static void waitFor(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
