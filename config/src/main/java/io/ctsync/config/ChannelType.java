package io.ctsync.config;

/** Transport of a sync channel: UDP unicast, UDP multicast or TCP. */
public enum ChannelType {
    UDP,
    MULTICAST,
    TCP
}
