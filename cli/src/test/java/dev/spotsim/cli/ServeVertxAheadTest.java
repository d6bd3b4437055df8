package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.cli.serve.ServeCommand;
import dev.spotsim.simulator.SpotSim;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code spotsim serve} runs on the Vert.x instance main starts making before it parses the arguments, and closes it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeVertxAheadTest {
    private ServeCommand serve;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.stop();
        }
    }

    @Test
    void serveRunsOnTheVertxMadeAheadAndClosesItWhenItStops() throws Exception {
        CompletableFuture<Vertx> ahead = ServeCommand.vertxAhead();
        serve = new ServeCommand(Map.of(), ahead);
        CommandLine cmd = new CommandLine(serve);
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.parseArgs("--port", "0", "--control-port", "0", "--events-journal", dir.resolve("events.jsonl").toString());

        SpotSim sim = serve.start();
        HttpResponse<String> id = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.imdsEndpoint() + "latest/meta-data/instance-id"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        serve.stop();

        assertThat(sim.vertx()).isSameAs(ahead.join());
        assertThat(id.statusCode()).isEqualTo(200);
        assertThat(id.body()).isEqualTo(sim.firstInstanceId());
        assertThatThrownBy(() -> listen(ahead.join())).as("the Vert.x instance is closed with the simulator").isNotNull();
    }

    @Test
    void aSimulatorThatCannotStartClosesTheVertxItWasGiven() {
        Vertx vertx = SpotSim.newVertx();

        assertThatThrownBy(() -> SpotSim.builder().vertx(vertx).imdsPort(65535).instances(2).start())
                .hasMessageContaining("do not fit below 65536");
        assertThatThrownBy(() -> listen(vertx)).as("the Vert.x instance is closed").isNotNull();
    }

    /** A closed Vert.x instance never binds: the listen fails or never completes. */
    private static void listen(Vertx vertx) throws Exception {
        vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
