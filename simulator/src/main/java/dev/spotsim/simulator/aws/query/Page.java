package dev.spotsim.simulator.aws.query;

import dev.spotsim.simulator.aws.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a paginated answer and the token for the next ({@code null} on the last page), as
 * AWS pages with {@code NextToken} and {@code MaxResults}/{@code MaxRecords}. Tokens are opaque:
 * a client only hands them back.
 */
public record Page<T>(List<T> items, String nextToken) {
    private static final String PREFIX = "spotsim-page:";

    /**
     * The page of {@code all} that starts at {@code token} (null: the first) and holds at most
     * {@code size} items; an unreadable token answers {@code badToken}.
     */
    public static <T> Page<T> of(List<T> all, String token, int size, AwsException badToken) {
        int from = token == null || token.isEmpty() ? 0 : offset(token, all.size(), badToken);
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? encode(to) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token, int total, AwsException badToken) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0 && offset <= total) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64 or not a number: the client's token is not ours
        }
        throw badToken;
    }
}
