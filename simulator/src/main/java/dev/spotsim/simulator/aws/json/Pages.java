package dev.spotsim.simulator.aws.json;

import dev.spotsim.simulator.aws.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * nextToken/maxResults pagination over a list in a stable order. The token is opaque to clients
 * (base64 of the next position), as AWS's are; a token this service did not hand out is the
 * client's error, answered with the service's own code ({@code InvalidNextToken} for SSM,
 * {@code ValidationException} for FIS).
 */
public final class Pages {
    private static final String PREFIX = "spotsim-page:";

    private Pages() {
    }

    /** One page and the token for the next (null on the last page). */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * @param maxResults     the client's page size, or null for {@code defaultSize}
     * @param badTokenCode   the error code for a token this service did not hand out
     */
    public static <T> Page<T> of(List<T> all, String nextToken, Integer maxResults, int defaultSize, String badTokenCode) {
        int size = maxResults == null ? defaultSize : maxResults;
        int from = nextToken == null || nextToken.isEmpty() ? 0 : position(nextToken, badTokenCode);
        if (from > all.size()) {
            throw AwsException.badRequest(badTokenCode, "the nextToken is past the end of the results: " + nextToken);
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? token(to) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static String token(int position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    private static int position(String token, String badTokenCode) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int p = Integer.parseInt(text.substring(PREFIX.length()));
                if (p >= 0) {
                    return p;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through: not a token of ours
        }
        throw AwsException.badRequest(badTokenCode, "the nextToken was not handed out by this service: " + token);
    }
}
