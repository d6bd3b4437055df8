package dev.spotsim.gatling;

import java.time.Instant;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Keeps Gatling from asking Maven Central for its latest version: Gatling skips the call for an hour
 * after a check recorded in Java preferences, so we record one (unsuccessful, so it announces nothing)
 * just before each launch. Where preferences live is the JVM's {@code java.util.prefs.userRoot}.
 */
final class GatlingVersionCheck {
    // Node and keys read by Gatling 3.15's io.gatling.commons.util.GatlingVersion.
    static final String NODE = "/io/gatling/latestVersion";

    private GatlingVersionCheck() {
    }

    static void seed(Instant now) {
        Preferences node = Preferences.userRoot().node(NODE);
        node.putLong("lastCheckTimestamp", now.toEpochMilli());
        node.putBoolean("lastCheckSuccess", false);
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Gatling reads the in-memory node in this JVM, so the seed holds even if it could not be saved.
            org.slf4j.LoggerFactory.getLogger(GatlingVersionCheck.class).debug("Could not save Gatling's version-check preferences", e);
        }
    }
}
