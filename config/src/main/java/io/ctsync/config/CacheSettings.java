package io.ctsync.config;

/**
 * Which caches the node keeps ({@code ctsync.cache}).
 *
 * @param external keep the peer's entries and commit them on failover; false = inject every
 *     received entry into the kernel at once (conntrackd {@code DisableExternalCache on})
 * @param internal keep a cache of this node's entries; false (NOTRACK only) sends kernel events
 *     straight through (conntrackd {@code DisableInternalCache on})
 */
public record CacheSettings(boolean external, boolean internal) {}
