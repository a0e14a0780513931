package io.ctsync.config;

/** The two configuration file formats ctsyncd reads. */
public enum ConfigFormat {
    /** ctsync's own HOCON file ({@code ctsyncd --config FILE}). */
    HOCON,
    /** conntrackd's grammar ({@code ctsyncd -C FILE}). */
    CONNTRACKD
}
