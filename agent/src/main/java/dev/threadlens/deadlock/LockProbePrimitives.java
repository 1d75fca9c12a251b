package dev.threadlens.deadlock;

import dev.threadlens.locks.LockInsights;
import dev.threadlens.locks.PrimitiveInfo;
import dev.threadlens.locks.PrimitiveKind;

/**
 * The lock probes' registry as a {@link PrimitiveDirectory}: the kind and creation site of every
 * synchronizer, condition and latch the probes have seen (keyed by what
 * {@code LockSupport.getBlocker} returns).
 */
final class LockProbePrimitives implements PrimitiveDirectory {

    private final LockInsights locks;

    LockProbePrimitives(LockInsights locks) {
        this.locks = locks;
    }

    @Override
    public Description describe(Object synchronizer) {
        PrimitiveInfo info = locks.describe(synchronizer);
        if (info == null || info.kind() == PrimitiveKind.INTERNAL || info.kind() == PrimitiveKind.IGNORED) {
            return null; // the class name says more than "internal"
        }
        return new Description(info.kind().type(), info.site());
    }
}
