package dev.threadlens.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The live page's files, read once from the agent jar: the HTML, its script and its style sheet.
 * They are separate files (not inline) so that the page's Content-Security-Policy can forbid
 * inline script and style altogether.
 */
final class PageAssets {

    static final String DIRECTORY = "/dev/threadlens/http/page/";

    /** One file: what to send and as what, plain and gzipped (compressed once, at start). */
    static final class Asset {
        final String contentType;
        final byte[] body;
        final byte[] gzipped;

        Asset(String contentType, byte[] body) throws IOException {
            this.contentType = contentType;
            this.body = body;
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(body);
            }
            this.gzipped = out.toByteArray();
        }
    }

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    PageAssets() throws IOException {
        Asset html = load("index.html", "text/html; charset=utf-8");
        byPath.put("/", html);
        byPath.put("/index.html", html);
        byPath.put("/page.js", load("page.js", "text/javascript; charset=utf-8"));
        byPath.put("/page.css", load("page.css", "text/css; charset=utf-8"));
    }

    /** The asset served at {@code path}, or null. */
    Asset find(String path) {
        return byPath.get(path);
    }

    private static Asset load(String file, String contentType) throws IOException {
        try (InputStream in = PageAssets.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IOException("live page file missing from the agent jar: " + DIRECTORY + file);
            }
            return new Asset(contentType, in.readAllBytes());
        }
    }
}
