package dev.threadlens.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;

/** Where the running jar is: the CLI loads this very jar into the target. */
final class AgentJar {

    private AgentJar() {
    }

    static String path() throws IOException {
        try {
            File f = new File(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!f.isFile()) {
                throw new IOException("run the CLI from the agent jar (java -jar threadlens-agent.jar), not from " + f);
            }
            return f.getAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the agent jar: " + e.getMessage());
        }
    }
}
