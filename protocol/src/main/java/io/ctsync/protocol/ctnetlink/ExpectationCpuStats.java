package io.ctsync.protocol.ctnetlink;

/**
 * Expectation statistics of one CPU.
 *
 * @param cpu the CPU ({@code res_id})
 * @param created expectations created ({@code CTA_STATS_EXP_NEW})
 * @param related connections created from expectations ({@code CTA_STATS_EXP_CREATE})
 * @param deleted expectations deleted ({@code CTA_STATS_EXP_DELETE})
 */
public record ExpectationCpuStats(int cpu, long created, long related, long deleted) {}
