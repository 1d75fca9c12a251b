package dev.threadlens.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords from options or files, and messages that never repeat them. */
class SecretsTest {

    @TempDir
    Path dir;

    private static Config load(String args) throws ConfigException {
        return Config.load(args, new Properties(), Map.of());
    }

    @Test
    void fileContentLosesOnlyItsTrailingLineBreaks() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, " sp ace\tpw\r\n\n");
        Config c = load("basicAuthPasswordFile=" + file);
        assertEquals(" sp ace\tpw", Secrets.resolve(c, Options.BASIC_AUTH_PASSWORD, Options.BASIC_AUTH_PASSWORD_FILE));
    }

    @Test
    void directValueWhenNoFileIsNamed() throws Exception {
        Config c = Config.load(null, new Properties(), Map.of("THREADLENS_TLS_KEY_STORE_PASSWORD", "k3y"));
        assertEquals("k3y", Secrets.resolve(c, Options.TLS_KEY_STORE_PASSWORD, Options.TLS_KEY_STORE_PASSWORD_FILE));
        assertEquals("", Secrets.resolve(load(null), Options.BASIC_AUTH_PASSWORD, Options.BASIC_AUTH_PASSWORD_FILE));
    }

    @Test
    void missingEmptyOrBinaryFileIsOneLineNamingTheOption() throws Exception {
        Path missing = dir.resolve("nope");
        ConfigException e = assertThrows(ConfigException.class, () -> Secrets.resolve(
                load("basicAuthPasswordFile=" + missing), Options.BASIC_AUTH_PASSWORD, Options.BASIC_AUTH_PASSWORD_FILE));
        assertEquals("cannot read basicAuthPasswordFile '" + missing + "' (no such file)", e.getMessage());

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        e = assertThrows(ConfigException.class, () -> Secrets.read("tlsKeyStorePasswordFile", empty.toString()));
        assertEquals("tlsKeyStorePasswordFile '" + empty + "' is empty", e.getMessage());

        Path binary = Files.write(dir.resolve("bin"), new byte[] {'s', 'e', 'c', (byte) 0xff, 'r'});
        e = assertThrows(ConfigException.class, () -> Secrets.read("tlsKeyStorePasswordFile", binary.toString()));
        assertEquals("cannot read tlsKeyStorePasswordFile '" + binary + "' (not UTF-8 text)", e.getMessage());

        e = assertThrows(ConfigException.class, () -> Secrets.read("basicAuthPasswordFile", dir.toString()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void bothAPasswordAndAFileIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "fromfile");
        Config c = load("basicAuthPassword=direct1,basicAuthPasswordFile=" + file);
        ConfigException e = assertThrows(ConfigException.class,
                () -> Secrets.resolve(c, Options.BASIC_AUTH_PASSWORD, Options.BASIC_AUTH_PASSWORD_FILE));
        assertEquals("both basicAuthPassword (from agent arguments) and basicAuthPasswordFile (from agent arguments)"
                + " are set; set only one", e.getMessage());
    }

    @Test
    void aCommaInAPasswordArgumentIsNotEchoed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("basicAuthUser=ops,basicAuthPassword=abc,tail-of-the-secret"));
        assertFalse(e.getMessage().contains("tail-of-the-secret"), e.getMessage());
        assertEquals("agent arguments: the text after basicAuthPassword= is not key=value (a comma in the password?);"
                + " agent arguments split at commas, so give the password in basicAuthPasswordFile or"
                + " THREADLENS_BASIC_AUTH_PASSWORD instead", e.getMessage());
        // An ordinary option keeps its helpful echo.
        e = assertThrows(ConfigException.class, () -> load("port=1,oops"));
        assertEquals("agent argument 'oops' is not key=value; write for example "
                + "-javaagent:threadlens-agent.jar=port=9404,host=0.0.0.0", e.getMessage());
    }
}
