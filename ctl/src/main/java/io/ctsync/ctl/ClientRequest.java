package io.ctsync.ctl;

import io.ctsync.protocol.control.ConntrackdCommand;
import java.nio.file.Path;
import java.util.List;

/**
 * What a parsed command line asks for: one control command to send, where to find the socket,
 * and any warnings to print first.
 *
 * @param command the command to send
 * @param conntrackdConfig the conntrackd.conf given with {@code -C}, or null
 * @param hoconConfig the native config given with {@code --config}, or null
 * @param socket an explicit socket path ({@code --socket}), or null
 * @param warnings messages to print on stderr before sending
 */
public record ClientRequest(
        ConntrackdCommand command, Path conntrackdConfig, Path hoconConfig, Path socket, List<String> warnings) {
    public ClientRequest {
        warnings = List.copyOf(warnings);
    }
}
