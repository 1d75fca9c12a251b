package dev.threadlens.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Passwords, given directly (an option or its {@code THREADLENS_*} variable) or in a file named by
 * the companion {@code ...File} option. A file keeps the secret off command lines, out of the
 * environment of child processes and out of {@code ps}. Messages name the option and the file,
 * never the secret.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * The password {@code direct} or {@code file} gives; empty when neither is set.
     *
     * @throws ConfigException when both are set, or the file cannot be read or is empty
     */
    public static String resolve(Config config, Option<String> direct, Option<String> file) throws ConfigException {
        String value = config.get(direct);
        String path = config.get(file);
        if (path.isEmpty()) {
            return value;
        }
        if (!value.isEmpty()) {
            throw new ConfigException("both " + direct.name() + " (from " + config.source(direct) + ") and "
                    + file.name() + " (from " + config.source(file) + ") are set; set only one");
        }
        return read(file.name(), path);
    }

    /** The file's text without its trailing line breaks (what {@code echo pw > file} adds). */
    public static String read(String optionName, String path) throws ConfigException {
        String text;
        try {
            // A strict decoder: a key file given by mistake is an error, not a mangled password.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(Path.of(path))))
                    .toString();
        } catch (NoSuchFileException e) {
            throw unreadable(optionName, path, "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(optionName, path, "permission denied");
        } catch (CharacterCodingException e) {
            throw unreadable(optionName, path, "not UTF-8 text");
        } catch (IOException | InvalidPathException | SecurityException e) {
            // The exception's class, not its message: a message may quote what it read.
            throw unreadable(optionName, path, e.getClass().getSimpleName());
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new ConfigException(optionName + " '" + path + "' is empty");
        }
        return text.substring(0, end);
    }

    private static ConfigException unreadable(String optionName, String path, String why) {
        return new ConfigException("cannot read " + optionName + " '" + path + "' (" + why + ")");
    }
}
