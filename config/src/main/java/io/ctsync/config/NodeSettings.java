package io.ctsync.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Identity and process-level settings of this node ({@code ctsync.node}).
 *
 * @param name name in logs, metrics and status; empty means the host name
 * @param role role taken at start-up
 * @param lockFile lock file created exclusively at start-up (conntrackd {@code LockFile}), if any
 * @param systemdNotify whether to send sd_notify readiness/watchdog messages when NOTIFY_SOCKET is set
 */
public record NodeSettings(String name, Role role, Optional<Path> lockFile, boolean systemdNotify) {}
