package dev.threadlens.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 key store with a fresh self-signed certificate for 127.0.0.1, made by the JDK's own
 * {@code keytool} (the child's JDK, so the store is one that JDK reads), and an HTTPS client that
 * trusts exactly that certificate.
 */
public final class TestKeyStore {

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(120);

    private final Path file;
    private final String password;

    private TestKeyStore(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    public static TestKeyStore generate(Jdk jdk, Path dir, String password) throws IOException, InterruptedException {
        Path file = dir.resolve("threadlens-test.p12");
        List<String> cmd = List.of(jdk.home().resolve("bin").resolve("keytool").toString(), "-genkeypair",
                "-alias", "threadlens", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password, "-keypass", password);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0 || !Files.isRegularFile(file)) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new TestKeyStore(file, password);
    }

    public Path file() {
        return file;
    }

    /** An HTTPS client that trusts this store's certificate and nothing else. */
    public HttpClient client() {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Certificate certificate = store.getCertificate("threadlens");
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("threadlens", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
