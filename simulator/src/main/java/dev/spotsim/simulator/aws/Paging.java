package dev.spotsim.simulator.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * AWS-style pagination over a list sorted by a unique key: the token is opaque to clients and
 * names the last key of the page, so a page stays right when items are added or removed between calls.
 */
public final class Paging {
    private Paging() {
    }

    /** One page and the token of the next (null on the last page). */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * The page after {@code token} (null: the first) of at most {@code limit} items of {@code sorted}.
     *
     * @throws IllegalArgumentException when the token was not made here
     */
    public static <T> Page<T> page(List<T> sorted, Function<T, String> key, String token, int limit) {
        String after = token == null || token.isEmpty() ? null : decode(token);
        List<T> rest = sorted.stream().filter(t -> after == null || key.apply(t).compareTo(after) > 0).toList();
        if (rest.size() <= limit) {
            return new Page<>(rest, null);
        }
        List<T> items = rest.subList(0, limit);
        String last = key.apply(items.get(limit - 1));
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding().encodeToString(("spotsim:" + last).getBytes(StandardCharsets.UTF_8)));
    }

    private static String decode(String token) {
        String s;
        try {
            s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            s = "";
        }
        if (!s.startsWith("spotsim:")) {
            throw new IllegalArgumentException("The nextToken \"" + token + "\" is not valid.");
        }
        return s.substring("spotsim:".length());
    }
}
