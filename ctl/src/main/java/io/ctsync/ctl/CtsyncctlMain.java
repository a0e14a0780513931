package io.ctsync.ctl;

import io.ctsync.config.ControlSocketPath;
import io.ctsync.config.Problem;
import io.ctsync.config.SettingsException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** Entry point of {@code ctsyncctl}, the control client of ctsyncd. */
public final class CtsyncctlMain {
    static final String VERSION = "0.1.0";

    static final String HELP =
            """
            Usage: ctsyncctl [--socket PATH | -C conntrackd.conf | --config ctsync.conf] COMMAND
                   ctsyncctl [-C conntrackd.conf] -c|-f|-F|-i|-e|-k|-s|-R|-n|-B|-x|-t [PARAM]

            Commands:
              commit [all|ct|expect]        commit the external cache into the kernel (blocks until done)
              flush [all|internal|external] flush ctsyncd's caches (never the kernel table)
              flush-kernel [all|ct|expect]  flush the kernel table (selectively, by the daemon's filter)
              resync [all|ct|expect]        re-read the kernel table into the internal cache
              bulk-send                     send the whole internal cache to the peer
              request-resync                ask the peer for its whole table
              purge                         schedule the purge of the kernel table (conntrackd -t)
              stats [SECTION]               statistics; SECTION: network cache runtime link rsqueue
                                            process queue ct expect
              dump internal|external [ct|expect] [--xml]
                                            print a cache
              shutdown                      stop the daemon

            conntrackd's client flags work unchanged (see conntrackd(8)):
              -c [ct|expect] commit, -f [internal|external] flush caches, -F [ct|expect] flush kernel,
              -i / -e [ct|expect] dump internal / external cache, -x XML (after -i / -e), -k kill,
              -s [section] statistics, -R [ct|expect] resync, -n request resync, -B bulk send,
              -t purge, -C FILE read the control socket path from a conntrackd.conf, -v, -h

            Where the socket is: --socket PATH, else General { UNIX { Path } } of -C FILE, else
            ctsync.control.socket-path of --config FILE, else $CTSYNC_CONTROL_SOCKET or the default
            /run/ctsync/ctsyncd.sock.

            Exit codes: 0 done, 1 command failed, 2 unknown command or bad usage, 3 daemon not
            running, 4 permission denied, 5 configuration file unreadable or invalid.

            Examples:
              ctsyncctl commit
              ctsyncctl stats network
              ctsyncctl -C /etc/conntrackd/conntrackd.conf -s
              ctsyncctl --socket /run/ctsync/ctsyncd.sock dump external
            """;

    private CtsyncctlMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the process exit code. */
    static int run(String[] args, OutputStream stdout, PrintStream stderr) {
        PrintStream out = stdout instanceof PrintStream ps ? ps : new PrintStream(stdout, true);
        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(args);
        } catch (UsageException e) {
            stderr.println("ctsyncctl: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (parsed instanceof CommandLine.Help) {
            out.print(HELP);
            return ExitCode.OK.code();
        }
        if (parsed instanceof CommandLine.Version) {
            out.println("ctsyncctl " + VERSION);
            return ExitCode.OK.code();
        }
        ClientRequest request = ((CommandLine.Send) parsed).request();
        Path socket;
        try {
            socket = socketPath(request);
        } catch (SettingsException e) {
            for (Problem p : e.problems()) {
                stderr.println("ctsyncctl: " + p.format());
            }
            return ExitCode.CONFIG_ERROR.code();
        }
        request.warnings().forEach(w -> stderr.println("ctsyncctl: warning: " + w));
        try {
            ControlConnection.send(socket, request.command(), out);
        } catch (ControlConnection.ControlException e) {
            stderr.println("ctsyncctl: " + e.getMessage());
            return e.exitCode().code();
        }
        return ExitCode.OK.code();
    }

    static Path socketPath(ClientRequest request) throws SettingsException {
        if (request.socket() != null) {
            return request.socket();
        }
        if (request.conntrackdConfig() != null) {
            return ControlSocketPath.fromConntrackdConf(request.conntrackdConfig());
        }
        if (request.hoconConfig() != null) {
            return ControlSocketPath.fromHocon(request.hoconConfig(), System.getenv());
        }
        return ControlSocketPath.defaultPath(System.getenv());
    }
}
