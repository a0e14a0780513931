package io.ctsync.protocol.ctnetlink;

import io.ctsync.protocol.netlink.Nfnetlink;

/**
 * ctnetlink message numbers and the complete {@code nlmsg_type} values built from them ({@code
 * subsystem << 8 | message}).
 */
public final class CtnlMessage {
    private CtnlMessage() {}

    public static final int IPCTNL_MSG_CT_NEW = 0;
    public static final int IPCTNL_MSG_CT_GET = 1;
    public static final int IPCTNL_MSG_CT_DELETE = 2;
    public static final int IPCTNL_MSG_CT_GET_CTRZERO = 3;
    public static final int IPCTNL_MSG_CT_GET_STATS_CPU = 4;
    public static final int IPCTNL_MSG_CT_GET_STATS = 5;
    public static final int IPCTNL_MSG_CT_GET_DYING = 6;
    public static final int IPCTNL_MSG_CT_GET_UNCONFIRMED = 7;

    public static final int IPCTNL_MSG_EXP_NEW = 0;
    public static final int IPCTNL_MSG_EXP_GET = 1;
    public static final int IPCTNL_MSG_EXP_DELETE = 2;
    public static final int IPCTNL_MSG_EXP_GET_STATS_CPU = 3;

    private static final int CT = Nfnetlink.NFNL_SUBSYS_CTNETLINK << 8;
    private static final int EXP = Nfnetlink.NFNL_SUBSYS_CTNETLINK_EXP << 8;

    public static final int CT_NEW = CT | IPCTNL_MSG_CT_NEW;
    public static final int CT_GET = CT | IPCTNL_MSG_CT_GET;
    public static final int CT_DELETE = CT | IPCTNL_MSG_CT_DELETE;
    public static final int CT_GET_CTRZERO = CT | IPCTNL_MSG_CT_GET_CTRZERO;
    public static final int CT_GET_STATS_CPU = CT | IPCTNL_MSG_CT_GET_STATS_CPU;
    public static final int CT_GET_STATS = CT | IPCTNL_MSG_CT_GET_STATS;
    public static final int CT_GET_DYING = CT | IPCTNL_MSG_CT_GET_DYING;
    public static final int CT_GET_UNCONFIRMED = CT | IPCTNL_MSG_CT_GET_UNCONFIRMED;

    public static final int EXP_NEW = EXP | IPCTNL_MSG_EXP_NEW;
    public static final int EXP_GET = EXP | IPCTNL_MSG_EXP_GET;
    public static final int EXP_DELETE = EXP | IPCTNL_MSG_EXP_DELETE;
    public static final int EXP_GET_STATS_CPU = EXP | IPCTNL_MSG_EXP_GET_STATS_CPU;

    /**
     * The type the kernel gives per-CPU expectation statistics replies: subsystem 1 with message 3
     * (the same value as {@link #CT_GET_CTRZERO}, which the kernel never sends).
     */
    public static final int EXP_STATS_CPU_REPLY = CT | IPCTNL_MSG_EXP_GET_STATS_CPU;
}
