package dev.threadlens.jfr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.threadlens.util.CallSites;

/**
 * What a wait's stack says, computed once per distinct stack: the first application frame (the
 * site), whether the thread is an idle pool worker, sleeping, joining or inside AQS, and the
 * frames as text. Frames are fed top first through a {@link Builder}, from a JFR stack trace or
 * a thread dump alike.
 */
public final class StackInfo {

    /** Frames kept as text per stack (JFR records up to 64). */
    public static final int MAX_FRAMES = 32;

    public static final StackInfo EMPTY = new Builder(false).build();

    private final String applicationFrame;
    private final String topFrame;
    private final boolean executorIdle;
    private final boolean sleep;
    private final boolean join;
    private final boolean aqs;
    private final List<String> frames;

    private StackInfo(Builder b) {
        this.applicationFrame = b.applicationFrame;
        this.topFrame = b.topFrame;
        this.executorIdle = b.executorIdle;
        this.sleep = b.sleep;
        this.join = b.join;
        this.aqs = b.aqs;
        this.frames = b.frames == null ? List.of() : Collections.unmodifiableList(b.frames);
    }

    /** The first frame that is neither JDK nor agent code, or null when there is none. */
    public String applicationFrame() {
        return applicationFrame;
    }

    /** The application frame, else the top frame, else {@code unknown}: never null. */
    public String site() {
        return applicationFrame != null ? applicationFrame : topFrame != null ? topFrame : "unknown";
    }

    /** A pool worker waiting for its next task (ThreadPoolExecutor.getTask, ForkJoinPool.awaitWork, Timer). */
    public boolean executorIdle() {
        return executorIdle;
    }

    public boolean sleep() {
        return sleep;
    }

    public boolean join() {
        return join;
    }

    /** Waits inside AbstractQueuedSynchronizer / AbstractQueuedLongSynchronizer: the lock probes' territory. */
    public boolean aqs() {
        return aqs;
    }

    /** Frames as text, top first, at most {@link #MAX_FRAMES} (empty unless kept). */
    public List<String> frames() {
        return frames;
    }

    /** Formats a frame like a stack trace element; JFR has no file names, so it is derived from the class. */
    public static String format(String className, String method, int line, boolean nativeMethod) {
        StringBuilder sb = new StringBuilder(className.length() + method.length() + 24);
        sb.append(className).append('.').append(method).append('(');
        if (nativeMethod) {
            return sb.append("Native Method)").toString();
        }
        int dot = className.lastIndexOf('.');
        int dollar = className.indexOf('$', dot + 1);
        sb.append(className, dot + 1, dollar < 0 ? className.length() : dollar).append(".java");
        if (line >= 0) {
            sb.append(':').append(line);
        }
        return sb.append(')').toString();
    }

    /** Lambda and other hidden classes: never a site. */
    static boolean isHidden(String className) {
        return className.contains("$$Lambda") || className.startsWith("java.lang.invoke.LambdaForm");
    }

    /** Collects frames top first. */
    public static final class Builder {
        private final boolean keepFrames;
        private final boolean keepSite;
        private String applicationFrame;
        private String topFrame;
        private boolean executorIdle;
        private boolean sleep;
        private boolean join;
        private boolean aqs;
        private boolean belowObjectWait = true;
        private int depth;
        private List<String> frames;

        /** {@code keepFrames}: also keep the frames as text (the site is always kept). */
        public Builder(boolean keepFrames) {
            this(keepFrames, true);
        }

        private Builder(boolean keepFrames, boolean keepSite) {
            this.keepFrames = keepFrames;
            this.keepSite = keepSite;
        }

        /** Only the facts (idle, sleep, join, AQS); no text at all, for the thread-state sampler. */
        public static Builder factsOnly() {
            return new Builder(false, false);
        }

        public Builder frame(String className, String method, int line, boolean nativeMethod) {
            boolean objectWait = WaitRules.isObjectWaitFrame(className, method);
            if (WaitRules.isExecutorIdleFrame(className, method)) {
                // A Timer thread idles in Object.wait directly under mainLoop; deeper, a task runs.
                executorIdle |= !className.equals("java.util.TimerThread") || (belowObjectWait && depth > 0);
            }
            belowObjectWait &= objectWait;
            sleep |= WaitRules.isSleepFrame(className, method);
            join |= WaitRules.isJoinFrame(className, method);
            aqs |= WaitRules.isAqsFrame(className);
            if (!keepSite) {
                depth++;
                return this;
            }
            boolean hidden = isHidden(className);
            String text = null;
            if (topFrame == null && !hidden) {
                text = format(className, method, line, nativeMethod);
                topFrame = text;
            }
            if (applicationFrame == null && !hidden && CallSites.isApplication(className)) {
                text = text != null ? text : format(className, method, line, nativeMethod);
                applicationFrame = text;
            }
            if (keepFrames && depth < MAX_FRAMES && !hidden) {
                if (frames == null) {
                    frames = new ArrayList<>(16);
                }
                frames.add(text != null ? text : format(className, method, line, nativeMethod));
            }
            depth++;
            return this;
        }

        public StackInfo build() {
            return new StackInfo(this);
        }
    }
}
