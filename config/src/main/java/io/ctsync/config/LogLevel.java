package io.ctsync.config;

/** Lowest level of log messages written. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
}
