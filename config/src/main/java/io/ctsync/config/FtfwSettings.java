package io.ctsync.config;

/**
 * FTFW reliability knobs ({@code ctsync.sync.ftfw}).
 *
 * @param ackWindow in-sequence messages received before an ACK is sent (conntrackd ACKWindowSize)
 * @param resendQueueSize unacknowledged messages kept for retransmission (conntrackd ResendQueueSize)
 * @param resendQueueBytes bound on the bytes those messages hold; 0 = no byte bound
 */
public record FtfwSettings(int ackWindow, int resendQueueSize, long resendQueueBytes) {}
