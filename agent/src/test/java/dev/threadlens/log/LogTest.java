package dev.threadlens.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LogTest {

    @Test
    void controlCharactersFromNamesCannotDriveTheTerminal() {
        assertEquals("a\\u001b[2Jb\\u000d\\u0007\\u009b\\u007f\nnext\tline",
                Log.printable("a\u001b[2Jb\r\u0007\u009b\u007f\nnext\tline"));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "deadlock of 2 threads: \"philosopher-1\" <init> \u00e9 \uD83D\uDE00";
        assertSame(text, Log.printable(text));
    }
}
