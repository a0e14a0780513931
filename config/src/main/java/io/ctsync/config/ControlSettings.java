package io.ctsync.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The control socket ({@code ctsync.control}, conntrackd {@code General { UNIX { Path } }}).
 *
 * @param socketPath path of the Unix stream socket
 * @param socketMode file mode of the socket (0600, or 0660 with a group)
 * @param group group (name or number) allowed besides root
 * @param maxClients clients served at once
 * @param requestTimeout time a client has to send its request
 */
public record ControlSettings(
        Path socketPath, int socketMode, Optional<String> group, int maxClients, Duration requestTimeout) {}
