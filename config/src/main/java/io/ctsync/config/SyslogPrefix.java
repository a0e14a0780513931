package io.ctsync.config;

/** Whether log lines start with a syslog priority prefix ("<6>") for journald: AUTO when stderr is the journal (JOURNAL_STREAM set), ALWAYS or NEVER. */
public enum SyslogPrefix {
    AUTO,
    ALWAYS,
    NEVER
}
