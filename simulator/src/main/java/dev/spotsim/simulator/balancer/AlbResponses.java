package dev.spotsim.simulator.balancer;

import io.vertx.core.http.HttpServerResponse;

/** The balancer's own answers, as ALB writes them: a small HTML page with {@code Server: awselb/2.0}. */
final class AlbResponses {
    private AlbResponses() {
    }

    /** Sends ALB's error page for {@code status} unless the response has started or the client is gone. */
    static void error(HttpServerResponse response, int status) {
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        String title = status + " " + reason(status);
        response.setStatusCode(status)
                .putHeader("Server", "awselb/2.0")
                .putHeader("Content-Type", "text/html")
                .end("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                        + "</h1></center>\r\n</body>\r\n</html>\r\n");
    }

    private static String reason(int status) {
        return switch (status) {
            case 405 -> "Method Not Allowed";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
    }
}
