package dev.threadlens.instrument.locks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code LockProbes} constant to an advice parameter (Byte Buddy custom mapping), so one
 * advice class serves every primitive and wait kind: the constant is inlined into the JDK code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface Kind {
}
