package io.ctsync.config;

/**
 * Logging ({@code ctsync.logging}).
 *
 * @param level lowest level written
 * @param syslogPrefix whether lines carry a syslog priority prefix for journald
 */
public record LoggingSettings(LogLevel level, SyslogPrefix syslogPrefix) {}
