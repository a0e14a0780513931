package io.ctsync.config;

/** Where the replication filter runs: in user space on decoded events, or in the kernel as a BPF program on the event socket (criteria BPF cannot express still run in user space). */
public enum FilterLocation {
    USERSPACE,
    KERNEL
}
