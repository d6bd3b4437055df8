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
