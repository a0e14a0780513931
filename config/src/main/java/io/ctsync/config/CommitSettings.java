package io.ctsync.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How peer entries are written into the kernel on commit or injection ({@code ctsync.commit}).
 *
 * @param batchSize create requests per netlink send
 * @param timeout fixed timeout for every committed entry (conntrackd CommitTimeout); empty = the
 *     entry's remaining timeout
 * @param fallbackTimeout timeout for entries whose remaining timeout is unknown or spent
 * @param tcpWindowTracking keep TCP window checks on committed entries; false marks them be-liberal
 */
public record CommitSettings(
        int batchSize, Optional<Duration> timeout, Duration fallbackTimeout, boolean tcpWindowTracking) {}
