package dev.spotsim.simulator.control;

/**
 * Checks a request target before routing: what no route of the control API or the AWS APIs can
 * mean (a NUL or control character, a broken percent escape, a dot segment, an absurd length) is
 * refused with a 4xx instead of reaching code that would throw on it.
 */
final class RequestTarget {
    /** Longer paths are answered 414; no route of ours comes near it. */
    static final int MAX_PATH_CHARS = 2048;

    /** Why a request target is refused, as the API's error answer. */
    record Refusal(int status, String code, String message) {
    }

    private RequestTarget() {
    }

    /** Null when the target may be routed. */
    static Refusal check(String uri) {
        if (uri == null || uri.isEmpty()) {
            return bad("empty request target");
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (path.length() > MAX_PATH_CHARS) {
            return new Refusal(414, "uri_too_long", "path longer than " + MAX_PATH_CHARS + " characters");
        }
        String problem = escapes(uri, path.length());
        if (problem != null) {
            return bad(problem);
        }
        for (String segment : path.split("/", -1)) {
            String s = segment.toLowerCase(java.util.Locale.ROOT).replace("%2e", ".");
            if (s.equals("..") || s.equals(".")) {
                return bad("the path must not contain \".\" or \"..\" segments");
            }
        }
        return null;
    }

    /**
     * Null when every character is printable, every {@code %} escape has two hex digits, and none
     * in the path (the first {@code pathLength} characters) is a control character; a query may
     * escape a newline (a message body, say).
     */
    private static String escapes(String uri, int pathLength) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return "control character in the request target";
            }
            if (c != '%') {
                continue;
            }
            if (i + 2 >= uri.length() || hex(uri.charAt(i + 1)) < 0 || hex(uri.charAt(i + 2)) < 0) {
                return "malformed percent escape at character " + (i + 1) + " of the request target";
            }
            int value = hex(uri.charAt(i + 1)) * 16 + hex(uri.charAt(i + 2));
            if (i < pathLength && (value < 0x20 || value == 0x7f)) {
                return "escaped control character (%" + uri.substring(i + 1, i + 3) + ") in the request target";
            }
            i += 2;
        }
        return null;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static Refusal bad(String message) {
        return new Refusal(400, "bad_request", message);
    }
}
