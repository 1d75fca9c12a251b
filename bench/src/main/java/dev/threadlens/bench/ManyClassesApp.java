package dev.threadlens.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM with many loaded classes to attach to: defines {@code count} (default 10,000) empty
 * classes from hand-built class-file bytes, prints {@code ready <pid> <loaded classes>}, then
 * waits until its standard input closes.
 */
public final class ManyClassesApp {

    private static final List<Class<?>> KEPT = new ArrayList<>();

    private ManyClassesApp() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Definer definer = new Definer();
        for (int i = 0; i < count; i++) {
            String name = "generated/Empty" + i;
            byte[] bytes = emptyClass(name);
            KEPT.add(definer.define(name.replace('/', '.'), bytes));
        }
        System.out.println("ready " + ProcessHandle.current().pid() + " "
                + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the harness
        }
    }

    /** {@code public class <name> extends Object {}} without even a constructor: never instantiated. */
    static byte[] emptyClass(String internalName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);        // minor
        out.writeShort(52);       // major: Java 8, no stack map frames needed for no code
        out.writeShort(5);        // constant pool count: entries 1..4
        out.writeByte(7);         // #1 Class #2
        out.writeShort(2);
        out.writeByte(1);         // #2 Utf8 name
        out.writeUTF(internalName);
        out.writeByte(7);         // #3 Class #4
        out.writeShort(4);
        out.writeByte(1);         // #4 Utf8 java/lang/Object
        out.writeUTF("java/lang/Object");
        out.writeShort(0x0021);   // public super
        out.writeShort(1);        // this
        out.writeShort(3);        // super
        out.writeShort(0);        // interfaces
        out.writeShort(0);        // fields
        out.writeShort(0);        // methods
        out.writeShort(0);        // attributes
        out.flush();
        return bytes.toByteArray();
    }

    private static final class Definer extends ClassLoader {
        Definer() {
            super(ManyClassesApp.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
