package dev.threadlens.dashboards.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    private final Interpolation grafana = new Interpolation(Map.of("job", "demo", "instance",
            Interpolation.regexLiteral("127.0.0.1:9404"), "__rate_interval", "4s", "pool", ".*"));

    @Test
    void substitutesEveryFormOfAVariable() {
        assertEquals("rate(x{job=~\"demo\", instance=~\"127\\\\.0\\\\.0\\\\.1:9404\", p=~\".*\"}[4s])",
                grafana.apply("rate(x{job=~\"$job\", instance=~\"${instance}\", p=~\"${pool:regex}\"}[$__rate_interval])"));
    }

    @Test
    void anUnknownVariableIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> grafana.apply("x{a=~\"$nope\"}"));
    }

    @Test
    void regexLiteralsEscapeMetacharactersForAPromQlString() {
        assertEquals("a\\\\.b\\\\(c\\\\)", Interpolation.regexLiteral("a.b(c)"));
    }
}
