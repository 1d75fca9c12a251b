package dev.threadlens.cli;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

/** {@code list}: the JVMs this user can attach to, without attaching to any of them. */
final class ListCommand implements Main.Command {

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length != 0) {
            throw new Main.UsageException("usage: list");
        }
        List<VirtualMachineDescriptor> vms = VirtualMachine.list();
        long self = ProcessHandle.current().pid();
        vms.sort(Comparator.comparing(VirtualMachineDescriptor::id));
        out.printf("%-8s %s%n", "PID", "MAIN CLASS OR JAR");
        int shown = 0;
        for (VirtualMachineDescriptor vm : vms) {
            if (vm.id().equals(Long.toString(self))) {
                continue;
            }
            String name = vm.displayName().isEmpty() ? "(unknown)" : vm.displayName();
            out.printf("%-8s %s%n", vm.id(), name);
            shown++;
        }
        if (shown == 0) {
            out.println("(no other JVM of this user is running)");
        }
        return Main.OK;
    }
}
