package dev.threadlens.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * A JVM the CLI attached to, with every attach failure turned into a sentence that says what to
 * do. Links to {@code jdk.attach}: {@link Main} loads it only after checking the module exists.
 */
final class TargetJvm implements AutoCloseable {

    private final long pid;
    private final VirtualMachine vm;

    private TargetJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    static TargetJvm attach(long pid) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            throw new IOException("no process with pid " + pid);
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new IOException("pid " + pid + " is this tool itself");
        }
        try {
            return new TargetJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException | IOException e) {
            String owner = process.get().info().user().orElse(null);
            String me = System.getProperty("user.name");
            if (owner != null && !owner.equals(me) && !owner.endsWith("\\" + me)) {
                throw new IOException("process " + pid + " belongs to user '" + owner + "', not '" + me
                        + "'; run this command as that user (for example: sudo -u " + owner + " java -jar ...)");
            }
            throw new IOException("cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a JVM, of a compatible version, not started with -XX:+DisableAttachMechanism?)");
        }
    }

    long pid() {
        return pid;
    }

    Properties systemProperties() throws IOException {
        return vm.getSystemProperties();
    }

    /** The target's Java feature version, such as 17 or 25. */
    int featureVersion() throws IOException {
        String spec = systemProperties().getProperty("java.specification.version", "0");
        try {
            return Integer.parseInt(spec.startsWith("1.") ? spec.substring(2) : spec);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The target's thread dump with locks ({@code jcmd <pid> Thread.print -l}), through the attach
     * mechanism: no agent is loaded, nothing is left running. HotSpot's attach provider is not an
     * exported API; the agent jar's manifest exports it ({@code Add-Exports}) to this tool.
     */
    String threadDump() throws IOException {
        Method dump;
        try {
            dump = Class.forName("sun.tools.attach.HotSpotVirtualMachine").getMethod("remoteDataDump", Object[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IOException("this JDK's attach mechanism cannot take a thread dump (" + e + ")");
        }
        if (!dump.getDeclaringClass().isInstance(vm)) {
            throw new IOException("process " + pid + " is not a HotSpot JVM; cannot take its thread dump");
        }
        try (InputStream in = (InputStream) dump.invoke(vm, (Object) new Object[] {"-l"})) {
            // Read to the end by hand: this stream's readAllBytes() stops at the first buffer.
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IllegalAccessException e) {
            throw new IOException("run this command as java -jar threadlens-agent.jar (its manifest opens the attach"
                    + " mechanism's thread dump to it)");
        } catch (InvocationTargetException e) {
            throw new IOException("the thread dump of process " + pid + " failed: " + e.getCause());
        }
    }

    void loadAgent(String jar, String options) throws IOException {
        try {
            vm.loadAgent(jar, options);
        } catch (AgentLoadException e) {
            throw new IOException("the target JVM refused the agent: " + e.getMessage()
                    + " (a JVM started with -XX:-EnableDynamicAgentLoading refuses all agents; use -javaagent then)");
        } catch (AgentInitializationException e) {
            throw new IOException("the agent failed to start in the target JVM (see its stderr): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // The target went away; nothing to release.
        }
    }
}
