package io.ctsync.config;

import java.time.Duration;

/**
 * ALARM knobs ({@code ctsync.sync.alarm}).
 *
 * @param refreshTime every entry is re-sent within this time (plus jitter)
 * @param cacheTimeout peer entries not refreshed for this long expire
 */
public record AlarmSettings(Duration refreshTime, Duration cacheTimeout) {}
