package dev.spotsim.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureCauseTest {
    @ParameterizedTest(name = "status {0}, message \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "502 | status.find.in(200 to 210,304), but actually found 502 | 502",
        "503 | null | 503",
        "504 | null | 504",
        "404 | status.find.in(200 to 210,304), but actually found 404 | status-4xx",
        "429 | null | status-4xx",
        "200 | jsonPath($.id).find.exists, found nothing | check-failed",
        // Messages as Gatling 3.15 reports them for failures without an answer.
        "0 | i.n.c.AbstractChannel$AnnotatedConnectException: finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:9 | connection-refused",
        "0 | Request timeout to 127.0.0.1/127.0.0.1:8080 after 10000 ms | timeout",
        "0 | i.n.c.ConnectTimeoutException: connection timed out after 10000 ms: /10.0.0.1:80 | timeout",
        "0 | i.n.c.u.Errors$NativeIoException: recvAddress(..) failed with error(-104): Connection reset by peer | connection-reset",
        "0 | i.g.h.c.i.PrematureCloseException: Premature close | connection-closed",
        "0 | j.n.c.ClosedChannelException | connection-closed",
        "0 | j.n.UnknownHostException: nowhere.invalid | other",
        "0 | null | other",
    })
    void namesTheCauseOfAFailedRequest(int status, String message, String cause) {
        assertThat(FailureCause.of(status, message)).isEqualTo(cause);
    }
}
