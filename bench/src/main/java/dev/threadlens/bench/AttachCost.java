package dev.threadlens.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sun.tools.attach.VirtualMachine;

/**
 * Time to attach to a running JVM with 10,000 loaded classes ({@link ManyClassesApp}): the
 * Attach API's {@code loadAgent} (returns once the agent's {@code agentmain} has returned, its
 * probes woven), and the whole {@code threadlens-agent.jar attach <pid>} command, a JVM of its
 * own included. async-profiler loaded the same way ({@code loadAgentPath}) for comparison.
 */
final class AttachCost {

    static final int CLASSES = 10_000;

    /** Results in milliseconds, by what was timed. */
    record Result(List<Double> threadlensLoadAgent, List<Double> threadlensCpu, List<Double> threadlensCommand,
            List<Double> asyncProfiler, int loadedClasses) {
    }

    private AttachCost() {
    }

    static Result measure(String agentJar, Path asyncProfilerLib, Path out, int repeats) throws Exception {
        List<Double> api = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> command = new ArrayList<>();
        List<Double> profiler = new ArrayList<>();
        int loaded = 0;
        Path log = out.resolve("attach.log");
        for (int i = 0; i < repeats; i++) {
            try (ChildJava app = ChildJava.start(List.of(), log, ManyClassesApp.class.getName(), String.valueOf(CLASSES))) {
                loaded = Integer.parseInt(app.awaitLine("ready ").split(" ")[1]);
                double cpuBefore = ProcCpu.millis(app.pid());
                api.add(loadAgent(app.pid(), vm -> vm.loadAgent(agentJar, PeerConfig.THREADLENS_BASE)));
                cpu.add(ProcCpu.millis(app.pid()) - cpuBefore);
            }
            try (ChildJava app = ChildJava.start(List.of(), log, ManyClassesApp.class.getName(), String.valueOf(CLASSES))) {
                app.awaitLine("ready ");
                command.add(attachCommand(agentJar, app.pid(), log));
            }
            try (ChildJava app = ChildJava.start(List.of(), log, ManyClassesApp.class.getName(), String.valueOf(CLASSES))) {
                app.awaitLine("ready ");
                String options = "start,event=lock,file=" + out.resolve("async-attach.jfr");
                profiler.add(loadAgent(app.pid(), vm -> vm.loadAgentPath(asyncProfilerLib.toString(), options)));
            }
        }
        return new Result(api, cpu, command, profiler, loaded);
    }

    private interface Load {
        void into(VirtualMachine vm) throws Exception;
    }

    private static double loadAgent(long pid, Load load) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            long t0 = System.nanoTime();
            load.into(vm);
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            vm.detach();
        }
    }

    private static double attachCommand(String agentJar, long pid, Path log) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", agentJar,
                "attach", String.valueOf(pid), PeerConfig.THREADLENS_BASE);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int status = p.waitFor();
        double millis = (System.nanoTime() - t0) / 1e6;
        if (status != 0) {
            throw new IllegalStateException(String.format(Locale.ROOT, "attach exited %d (see %s)", status, log));
        }
        return millis;
    }
}
