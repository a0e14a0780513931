package io.ctsync.config;

/** IP version of a sync channel or a filter network. */
public enum AddressFamily {
    IPV4,
    IPV6
}
