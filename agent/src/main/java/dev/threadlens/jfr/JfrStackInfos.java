package dev.threadlens.jfr;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * {@link StackInfo} of JFR stack traces, remembered per stack trace object: the parser hands out
 * the same object for the same stack (it is a constant of the chunk), so a hot wait site is
 * described once, not on every event. Bounded; used by one thread at a time (the stream's, or
 * the analyzer's).
 */
public final class JfrStackInfos {

    private static final int MAX_ENTRIES = 4096;

    private final Map<RecordedStackTrace, StackInfo> cache = new IdentityHashMap<>();
    private final boolean keepFrames;

    public JfrStackInfos(boolean keepFrames) {
        this.keepFrames = keepFrames;
    }

    public StackInfo of(RecordedStackTrace stack) {
        if (stack == null) {
            return StackInfo.EMPTY;
        }
        StackInfo info = cache.get(stack);
        if (info == null) {
            info = describe(stack, keepFrames);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear(); // stacks of old chunks are never seen again; start over
            }
            cache.put(stack, info);
        }
        return info;
    }

    static StackInfo describe(RecordedStackTrace stack, boolean keepFrames) {
        StackInfo.Builder b = new StackInfo.Builder(keepFrames);
        List<RecordedFrame> frames = stack.getFrames();
        for (int i = 0; i < frames.size(); i++) {
            RecordedFrame f = frames.get(i);
            RecordedMethod m = f.getMethod();
            if (m == null || m.getType() == null) {
                continue;
            }
            b.frame(m.getType().getName(), m.getName(), f.getLineNumber(), "Native".equals(f.getType()));
        }
        return b.build();
    }
}
