package dev.threadlens.core;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.nio.file.Files;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;


/**
 * Defines the classes of {@code dev.threadlens.bootstrap} in the boot class loader, once per JVM,
 * and lets {@code java.base} read them: advice inlined into JDK classes calls them.
 *
 * <p>The classes are injected directly rather than by appending a jar to the boot class path,
 * because an appended boot class path turns off class data sharing for the application's
 * classes and makes the JVM print a warning on the application's standard output. Appending is
 * only the fallback when injection is unavailable.
 *
 * <p>Must not mention a bootstrap class in its own code: the agent loader would load it.
 */
public final class BootstrapInstaller {

    static final String PACKAGE_PATH = "dev/threadlens/bootstrap/";
    private static final String PROBE_CLASS = "dev.threadlens.bootstrap.AgentThreads";
    private static final String UNSAFE_PACKAGE = "jdk.internal.misc";

    private BootstrapInstaller() {
    }

    /** Called reflectively by {@code AgentEntry} before any other agent class is loaded. */
    public static void install(Instrumentation inst, File agentJar) throws IOException {
        if (!onBootClassPath()) {
            Map<String, byte[]> classes = read(agentJar);
            if (!inject(inst, classes)) {
                inst.appendToBootstrapClassLoaderSearch(new JarFile(writeJar(classes)));
            }
        }
        Module bootUnnamed = bootClass().getModule();
        Module javaBase = Object.class.getModule();
        if (!javaBase.canRead(bootUnnamed)) {
            inst.redefineModule(javaBase, Set.of(bootUnnamed), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    /**
     * Defines the classes in the boot loader with the JDK's internal {@code Unsafe.defineClass},
     * exported to this loader through the instrumentation API. (Byte Buddy's injector goes through
     * {@code sun.misc.Unsafe}, which JDK 24+ warns about on stderr.) Returns false when the JDK
     * does not offer it; a class that needs another defined first is retried after it.
     */
    private static boolean inject(Instrumentation inst, Map<String, byte[]> classes) {
        Object unsafe;
        Method define;
        try {
            Module javaBase = Object.class.getModule();
            inst.redefineModule(javaBase, Set.of(), Map.of(UNSAFE_PACKAGE, Set.of(BootstrapInstaller.class.getModule())),
                    Map.of(), Set.of(), Map.of());
            Class<?> unsafeClass = Class.forName(UNSAFE_PACKAGE + ".Unsafe");
            unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
        Map<String, byte[]> pending = new LinkedHashMap<>(classes);
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, byte[]> c = it.next();
                try {
                    define.invoke(unsafe, c.getKey(), c.getValue(), 0, c.getValue().length, null, null);
                    it.remove();
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw new IllegalStateException("cannot define " + c.getKey() + " in the boot loader",
                                e.getCause());
                    }
                } catch (IllegalAccessException e) {
                    return false;
                }
            }
            if (pending.size() == before) {
                throw new IllegalStateException("bootstrap classes depend on something missing: " + pending.keySet());
            }
        }
        return true;
    }

    private static boolean onBootClassPath() {
        try {
            bootClass();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Class<?> bootClass() throws IOException {
        try {
            return Class.forName(PROBE_CLASS, false, null);
        } catch (ClassNotFoundException e) {
            throw new IOException("bootstrap bridge is not in the boot class loader", e);
        }
    }

    private static Map<String, byte[]> read(File agentJar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(agentJar)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class") && !name.endsWith("package-info.class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        classes.put(name.substring(0, name.length() - 6).replace('/', '.'), in.readAllBytes());
                    }
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("no bootstrap classes in " + agentJar);
        }
        return classes;
    }

    private static File writeJar(Map<String, byte[]> classes) throws IOException {
        File target = File.createTempFile("threadlens-bootstrap-", ".jar");
        target.deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target.toPath()))) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        return target;
    }
}
