package dev.spotsim.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.spotsim.cli.SpotsimCommand;
import dev.spotsim.gatling.figures.FiguresCodec;
import dev.spotsim.gatling.figures.Latencies;
import dev.spotsim.gatling.figures.LoadFigures;
import dev.spotsim.gatling.figures.Window;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadCommandTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void startTarget() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Every fifth request gets a 503, so failures and their cause show in the figures.
        server.createContext("/", exchange -> {
            int n = served.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(n % 5 == 0 ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopTarget() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run load(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SpotsimCommand.commandLine(java.util.Map.of());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "load";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cmd.execute(all), out.toString(), err.toString());
    }

    @Test
    void aLoadSectionRunsHeadlessAndItsFiguresCountEveryRequestWithHistograms() throws Exception {
        String section = "{\"rps\": 20, \"duration\": \"3s\", \"requests\": [{\"name\": \"home\", \"path\": \"/\"}]}";
        Path figuresFile = dir.resolve("figures.json");
        Run run = load("--url", url(), "--load-base64", Base64.getEncoder().encodeToString(section.getBytes(StandardCharsets.UTF_8)),
                "--out", figuresFile.toString(), "--ssm", "--results", dir.resolve("gatling").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        LoadFigures figures = FiguresCodec.fromJson(Files.readString(figuresFile), "figures.json");
        assertThat(figures.requests()).isEqualTo(served.get()).isGreaterThanOrEqualTo(40);
        assertThat(figures.failures()).isEqualTo(served.get() / 5);
        assertThat(figures.failuresByCause()).containsOnlyKeys("503");
        assertThat(figures.windows()).allSatisfy(w -> assertThat(w.seconds()).isEqualTo(1));
        assertThat(figures.windows().stream().mapToLong(Window::requests).sum()).isEqualTo(figures.requests());
        assertThat(Latencies.decode(figures.histogram()).getTotalCount()).isEqualTo(figures.requests());
        // The SSM lines on stdout carry the same figures.
        assertThat(run.out()).contains("spotsim-load {\"requests\":" + figures.requests() + ",\"failures\":" + figures.failures() + "}");
        LoadFigures fromLine = FiguresCodec.fromOutput(run.out(), "stdout").orElseThrow();
        assertThat(fromLine.requests()).isEqualTo(figures.requests());
        assertThat(fromLine.windows()).hasSameSizeAs(figures.windows());
    }

    @Test
    void withoutALoadSourceItSaysWhatIsMissingAndExits1() {
        Run run = load("--url", url());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("give exactly one of FILE, --load-base64 or --simulation");
        assertThat(served.get()).isZero();
    }

    @Test
    void aMalformedLoadSectionNamesTheFieldAndExits1() {
        String section = "{\"rps\": 20, \"duration\": \"soon\", \"requests\": [{\"name\": \"home\", \"path\": \"/\"}]}";
        Run run = load("--url", url(), "--load-base64", Base64.getEncoder().encodeToString(section.getBytes(StandardCharsets.UTF_8)));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--load-base64").contains("duration");
    }
}
