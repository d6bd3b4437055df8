package dev.spotsim.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.spotsim.simulator.SpotSim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The control API can interrupt a fleet: it listens only where it was told to. */
class ControlBindingTest {

    /** The local addresses (hex, as the kernel lists them) of the sockets listening on {@code port}. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        List<String> out = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    out.add(ipv4(f[1].substring(0, f[1].length() - hexPort.length())));
                }
            }
        }
        return out;
    }

    /** An IPv4-mapped IPv6 address (Java listens on tcp6 sockets) as its IPv4 part; the IPv6 wildcard as the IPv4 one. */
    private static String ipv4(String hex) {
        if (hex.equals("0".repeat(32))) {
            return "00000000";
        }
        return hex.startsWith("0000000000000000FFFF0000") ? hex.substring(24) : hex;
    }

    @Test
    void theControlApiListensOnLoopbackOnlyByDefault() throws IOException {
        assumeThat(Path.of("/proc/net/tcp")).exists();
        try (SpotSim sim = SpotSim.builder().instances(1).start()) {
            assertThat(listeningAddresses(sim.controlPort())).containsExactly("0100007F");
        }
    }

    @Test
    void theControlApiListensOnTheHostItWasGiven() throws IOException {
        assumeThat(Path.of("/proc/net/tcp")).exists();
        try (SpotSim sim = SpotSim.builder().host("127.0.0.3").instances(1).start()) {
            assertThat(listeningAddresses(sim.controlPort())).containsExactly("0300007F");
            assertThat(sim.controlUrl()).startsWith("http://127.0.0.3:");
        }
    }

    @Test
    void theWildcardIsBoundOnlyWhenAskedFor() throws IOException {
        assumeThat(Path.of("/proc/net/tcp")).exists();
        try (SpotSim sim = SpotSim.builder().host("0.0.0.0").instances(1).start()) {
            assertThat(listeningAddresses(sim.controlPort())).containsExactly("00000000");
        }
    }
}
