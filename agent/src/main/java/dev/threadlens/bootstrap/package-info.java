/**
 * The only classes that go on the boot class path: static dispatchers that advice inlined into JDK
 * classes calls, and the guard that keeps the agent from measuring itself. JDK types only, no
 * lambdas (their bootstrap could recurse into our own probes), nothing that allocates on a fast
 * path. The agent installs a sink per probe family; a {@code null} sink means "off" and costs a
 * single volatile read.
 */
package dev.threadlens.bootstrap;
