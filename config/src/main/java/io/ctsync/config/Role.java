package io.ctsync.config;

/** Role a node takes at start-up: AUTO waits for keepalived (through ctsyncctl) to say; PRIMARY and BACKUP preset it. */
public enum Role {
    AUTO,
    PRIMARY,
    BACKUP
}
