package dev.spotsim.simulator.balancer;

import io.vertx.core.http.HttpServerResponse;

/** The balancer's own answers, as an ALB writes them: a small HTML page and {@code Server: awselb/2.0}. */
final class AlbResponses {
    private AlbResponses() {
    }

    static void error(HttpServerResponse response, int status) {
        if (response.ended() || response.closed()) {
            return;
        }
        String title = status + " " + switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
        response.setStatusCode(status)
                .putHeader("Server", "awselb/2.0")
                .putHeader("Content-Type", "text/html")
                .end("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                        + "</h1></center>\r\n</body>\r\n</html>\r\n");
    }
}
