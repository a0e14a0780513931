package io.ctsync.daemon.filter;

import java.util.Set;

/**
 * The result of compiling filter settings for the event socket: the BPF program, the criteria it applies in
 * the kernel, and the configured criteria it leaves entirely to user space.
 *
 * @param program the program to attach with {@code SO_ATTACH_FILTER}
 * @param kernelCriteria configured criteria the program applies
 * @param residualUserSpaceCriteria configured criteria the program does not apply (labels, minimum age, and
 *     anything that did not fit the instruction budget)
 */
public record CompiledFilter(
        BpfProgram program, Set<FilterCriterion> kernelCriteria, Set<FilterCriterion> residualUserSpaceCriteria) {

    public CompiledFilter {
        kernelCriteria = Set.copyOf(kernelCriteria);
        residualUserSpaceCriteria = Set.copyOf(residualUserSpaceCriteria);
    }

    /** Whether the program filters anything (otherwise attaching it only costs time). */
    public boolean filtersInKernel() {
        return !kernelCriteria.isEmpty();
    }
}
