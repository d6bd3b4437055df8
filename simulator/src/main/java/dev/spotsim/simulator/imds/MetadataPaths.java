package dev.spotsim.simulator.imds;

/**
 * How IMDS reads a request path: runs of slashes count as one ({@code //latest//meta-data/} is
 * {@code /latest/meta-data/}), which is what EC2 does and what SDKs that join an endpoint ending in
 * {@code /} with {@code /latest/...} rely on. A trailing slash still asks for a listing.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
 */
final class MetadataPaths {
    private static final String TOKEN_SUFFIX = "/api/token";

    private MetadataPaths() {
    }

    /**
     * The path of a raw request-target ({@code request.uri()}), normalised. Not Vert.x's {@code path()}:
     * that reads {@code //latest/api/token} as a network-path reference (host "latest", path
     * "/api/token"), so an SDK that joins an endpoint ending in "/" with "/latest/api/token" got 405.
     * Seen on the wire: Node's SDK sends {@code //latest/...}, Java SDK v2 {@code /%2Flatest/...}.
     */
    static String ofRequestTarget(String uri) {
        String target = uri == null ? "/" : uri;
        int query = target.indexOf('?');
        if (query >= 0) {
            target = target.substring(0, query);
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        // The Java SDK v2 joins an endpoint ending in "/" with "/latest/..." as "/%2Flatest/...": read an encoded
        // slash as a slash, so the one endpoint value users export (with its trailing slash) works for it too.
        if (target.contains("%2F") || target.contains("%2f")) {
            target = target.replace("%2F", "/").replace("%2f", "/");
        }
        return normalize(target);
    }

    /** The path with every run of slashes collapsed to one; the path itself when it has none (the common case). */
    static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        if (!path.contains("//")) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || previous != '/') {
                out.append(c);
            }
            previous = c;
        }
        return out.toString();
    }

    /**
     * A token path other than {@code /latest/api/token}: a dated version's ({@code /2021-03-23/api/token})
     * or one with a trailing slash. EC2 refuses token PUTs there with 403.
     */
    static boolean isOtherTokenPath(String normalized) {
        String path = normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
        if (!path.endsWith(TOKEN_SUFFIX) || path.equals(normalized) && path.equals(ImdsHandler.TOKEN_PATH)) {
            return false;
        }
        String version = path.substring(1, path.length() - TOKEN_SUFFIX.length());
        return MetadataTree.VERSIONS.contains(version);
    }
}
