package dev.spotsim.simulator.workload.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.model.Argv;
import dev.spotsim.scenarios.model.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an image says about how it runs: ENTRYPOINT, CMD, STOPSIGNAL, EXPOSE and USER, as the engine reports them.
 *
 * @param stopSignal  the image's STOPSIGNAL, or null (the engine then sends SIGTERM)
 * @param exposedTcp  the TCP ports of EXPOSE
 */
public record ImageConfig(String image, List<String> entrypoint, List<String> cmd, String stopSignal, Set<Integer> exposedTcp,
                          String user) {
    public ImageConfig {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        exposedTcp = exposedTcp == null ? Set.of() : Set.copyOf(exposedTcp);
        stopSignal = stopSignal == null || stopSignal.isBlank() ? null : stopSignal;
    }

    static ImageConfig from(String image, JsonNode config) {
        Set<Integer> ports = new TreeSet<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(p -> {
            if (p.endsWith("/tcp") || !p.contains("/")) {
                ports.add(Integer.parseInt(p.replace("/tcp", "")));
            }
        });
        return new ImageConfig(image, strings(config.path("Entrypoint")), strings(config.path("Cmd")),
                config.path("StopSignal").asText(null), ports, config.path("User").asText(""));
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * What runs once {@code spec}'s overrides are applied, by Docker's rule: an ENTRYPOINT override drops the
     * image's CMD; a CMD override keeps the image's ENTRYPOINT. https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact
     */
    public Launched launched(ContainerSpec spec) {
        List<String> ep = spec.entrypoint() != null ? spec.entrypoint().argv() : entrypoint;
        List<String> args = spec.command() != null ? spec.command().argv() : spec.entrypoint() != null ? List.of() : cmd;
        String source = spec.entrypoint() != null ? "entrypoint override" : spec.command() != null && ep.isEmpty() ? "command override"
                : !ep.isEmpty() ? "image's ENTRYPOINT" : "image's CMD";
        return new Launched(ep, args, source);
    }

    /** The argv of the container's first process and where it came from ("image's CMD", "command override", ...). */
    public record Launched(List<String> entrypoint, List<String> cmd, String source) {
        public List<String> argv() {
            List<String> all = new ArrayList<>(entrypoint);
            all.addAll(cmd);
            return all;
        }

        /** PID 1 is {@code /bin/sh -c ...}: the shell form. */
        public boolean shellForm() {
            return Argv.isShellForm(entrypoint.isEmpty() ? cmd : entrypoint);
        }

        /** The command line, shortened for a message. */
        public String shown() {
            String line = shellForm() ? String.join(" ", argv().subList(0, 2)) + " " + argv().get(2) : String.join(" ", argv());
            return line.length() > 80 ? line.substring(0, 77) + "..." : line;
        }
    }
}
