package dev.spotsim.gameday.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.scenarios.model.LoadSpec;
import dev.spotsim.scenarios.time.Durations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The script a load generator runs for Gatling: the install line (if any), then {@code spotsim load}
 * with the scenario's load section (as base64 JSON, so no quoting can break it) at this generator's
 * share of the rate, printing the two SSM output lines the game day collects.
 */
public final class GatlingCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatlingCommand() {
    }

    /** The script lines for one of {@code generators} generators. */
    public static List<String> lines(LoadSpec load, String url, String launcher, String install, int generators, String runId) {
        List<String> lines = new ArrayList<>();
        if (install != null) {
            lines.addAll(LoadCommand.lines(install));
        }
        StringBuilder cmd = new StringBuilder(launcher).append(" load --url ").append(quote(url))
                .append(" --load-base64 ").append(base64(load));
        if (load.simulation() == null) {
            cmd.append(" --rps ").append(String.format(Locale.ROOT, "%.3f", load.rps() / generators).replaceAll("\\.?0+$", ""));
        }
        cmd.append(" --ssm --results \"${TMPDIR:-/tmp}/spotsim-load-").append(runId).append('"');
        lines.add(cmd.toString());
        return lines;
    }

    /** The load section as the scenario grammar writes it, in JSON, base64-encoded. */
    static String base64(LoadSpec load) {
        Map<String, Object> section = new LinkedHashMap<>();
        if (load.rps() != null) {
            section.put("rps", load.rps());
        }
        section.put("rampUp", Durations.format(load.rampUp()));
        section.put("duration", Durations.format(load.duration()));
        if (load.simulation() != null) {
            section.put("simulation", load.simulation());
        } else {
            List<Map<String, Object>> requests = new ArrayList<>();
            for (LoadSpec.Request r : load.requests()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("method", r.method());
                m.put("path", r.path());
                if (r.body() != null) {
                    m.put("body", r.body());
                }
                if (!r.headers().isEmpty()) {
                    m.put("headers", r.headers());
                }
                m.put("weight", r.weight());
                requests.add(m);
            }
            section.put("requests", requests);
        }
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsString(section).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSIX single quotes: nothing inside is special, a single quote is closed, escaped and reopened. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
