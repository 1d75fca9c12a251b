package dev.threadlens.waits;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps site label values bounded: the first {@code maxSites} distinct sites are exported as
 * themselves, every later one as {@code other}. A site, once admitted, stays admitted.
 */
public final class SiteLabels {

    public static final String OTHER = "other";

    private final int maxSites;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    public SiteLabels(int maxSites) {
        this.maxSites = maxSites;
    }

    /** The label value to export for {@code site}. */
    public String label(String site) {
        if (admitted.contains(site)) {
            return site;
        }
        if (admitted.size() >= maxSites) {
            return OTHER;
        }
        admitted.add(site);
        return site;
    }

    public int size() {
        return admitted.size();
    }
}
