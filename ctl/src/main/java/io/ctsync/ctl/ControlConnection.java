package io.ctsync.ctl;

import io.ctsync.protocol.control.ConntrackdCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

/**
 * One request on the daemon's control socket in conntrackd's protocol: connect, write the
 * 4-byte command code, copy the text reply to an output stream until the daemon closes.
 */
public final class ControlConnection {

    /** Why a request could not be delivered. */
    public static final class ControlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final ExitCode exitCode;

        ControlException(ExitCode exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public ExitCode exitCode() {
            return exitCode;
        }
    }

    private ControlConnection() {}

    /** Sends {@code command} to the daemon listening on {@code socket}; the reply goes to {@code out}. */
    public static void send(Path socket, ConntrackdCommand command, OutputStream out) throws ControlException {
        if (!Files.exists(socket)) {
            throw new ControlException(
                    ExitCode.NOT_RUNNING, "no daemon listens on " + socket + " (the socket file does not exist)");
        }
        UnixSocketChannel channel;
        try {
            channel = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()));
        } catch (IOException e) {
            throw classify(socket, e);
        }
        try (channel) {
            ByteBuffer request = command.encode();
            while (request.hasRemaining()) {
                channel.write(request);
            }
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (true) {
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) {
                    break;
                }
                out.write(buf.array(), 0, n);
            }
            out.flush();
        } catch (IOException e) {
            throw new ControlException(
                    ExitCode.COMMAND_FAILED, "the connection to " + socket + " broke off: " + e.getMessage());
        }
    }

    private static ControlException classify(Path socket, IOException e) {
        String msg = String.valueOf(e.getMessage());
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
            return new ControlException(
                    ExitCode.PERMISSION_DENIED,
                    "permission denied on " + socket + ": run as root or as a member of the daemon's control group");
        }
        if (lower.contains("connection refused") || lower.contains("no such file")) {
            return new ControlException(
                    ExitCode.NOT_RUNNING, "no daemon listens on " + socket + " (" + msg + "); is ctsyncd running?");
        }
        return new ControlException(ExitCode.NOT_RUNNING, "cannot connect to " + socket + ": " + msg);
    }
}
