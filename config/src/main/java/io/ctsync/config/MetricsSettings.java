package io.ctsync.config;

import java.net.InetAddress;

/**
 * The Prometheus endpoint ({@code ctsync.metrics}).
 *
 * @param enabled whether the HTTP endpoint is served
 * @param address listen address
 * @param port listen port
 * @param path HTTP path of the scrape endpoint
 * @param jvm whether JVM and process metrics are exported too
 */
public record MetricsSettings(boolean enabled, InetAddress address, int port, String path, boolean jvm) {}
