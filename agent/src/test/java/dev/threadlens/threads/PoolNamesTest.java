package dev.threadlens.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "http-nio-8080-exec-12|http-nio-8080-exec",
        "pool-3-thread-7|pool-3-thread",
        "ForkJoinPool.commonPool-worker-3|ForkJoinPool.commonPool-worker",
        "GC Thread#1|GC Thread",
        "C2 CompilerThread0|C2 CompilerThread",
        "worker_2|worker",
        "main|main",
        "Signal Dispatcher|Signal Dispatcher",
        "1234|1234",
        "-7|-7",
        "<img src=x onerror=alert(1)>|<img src=x onerror=alert(1)>",
    })
    void dropsTheTrailingNumber(String thread, String pool) {
        assertEquals(pool, PoolNames.of(thread));
    }

    @ParameterizedTest
    @CsvSource({"''"})
    void emptyNameIsItsOwnPool(String empty) {
        assertEquals("", PoolNames.of(empty));
        assertEquals("", PoolNames.of(null));
    }
}
