package dev.spotsim.simulator.imds;

import io.vertx.core.http.HttpServerResponse;

/** Writes answers the way EC2's metadata service does: {@code Server: EC2ws}, text/plain data, XHTML error pages. */
final class ImdsResponses {
    private ImdsResponses() {
    }

    static void data(HttpServerResponse response, MetadataValue value) {
        response.putHeader("Server", "EC2ws")
                .putHeader("Content-Type", value.contentType())
                .end(value.body());
    }

    /** IMDS's error page: the status line repeated in an XHTML document. */
    static void error(HttpServerResponse response, int status) {
        String title = status + " - " + reason(status);
        String page = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
                + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
                + "\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
                + " <head>\n  <title>" + title + "</title>\n </head>\n"
                + " <body>\n  <h1>" + title + "</h1>\n </body>\n</html>\n";
        response.setStatusCode(status)
                .putHeader("Server", "EC2ws")
                .putHeader("Content-Type", "text/html")
                .end(page);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
