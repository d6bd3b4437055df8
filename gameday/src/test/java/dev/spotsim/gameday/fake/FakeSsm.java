package dev.spotsim.gameday.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A fake SSM Run Command (AWS JSON 1.1, X-Amz-Target AmazonSSM.*): each invocation follows a script
 * of statuses over time (Pending, InProgress, Delayed, then a final one), is not listed for
 * {@link #listLag} after SendCommand, answers GetCommandInvocation with InvocationDoesNotExist the
 * first {@link #doesNotExistTimes} times, and turns Cancelling then Cancelled on CancelCommand.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/Welcome.html
 */
public final class FakeSsm {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status from {@code after} the send on. */
    public record Phase(Duration after, String status, String details) {
    }

    /** How an invocation goes: its phases, then exit code and output. */
    public record Script(List<Phase> phases, int exitCode, String stdout, String stderr) {
        public static Script succeeding(Duration runFor, String stdout) {
            return new Script(List.of(new Phase(Duration.ZERO, "Pending", "Pending"), new Phase(Duration.ofSeconds(5), "InProgress", "InProgress"),
                    new Phase(runFor, "Success", "Success")), 0, stdout, "");
        }
    }

    private final Supplier<Instant> clock;
    private final Map<String, Cmd> commands = new LinkedHashMap<>();
    private final Map<String, Script> scripts = new HashMap<>();
    private final Map<String, String> ping = new HashMap<>();
    public volatile Script defaultScript = Script.succeeding(Duration.ofMinutes(3), "done\n");
    public volatile Duration listLag = Duration.ZERO;
    public volatile int doesNotExistTimes = 0;

    FakeSsm(Supplier<Instant> clock) {
        this.clock = clock;
    }

    private static final class Cmd {
        String id;
        Instant sent;
        List<String> instanceIds;
        JsonNode request;
        Instant cancelledAt;
        Map<String, Integer> gets = new HashMap<>();
    }

    public synchronized void script(String instanceId, Script script) {
        scripts.put(instanceId, script);
    }

    /** Registers a managed node with its ping status ("Online", "ConnectionLost", ...). */
    public synchronized void managed(String instanceId, String pingStatus) {
        ping.put(instanceId, pingStatus);
    }

    /** Every SendCommand request body received, in order. */
    public synchronized List<JsonNode> sent() {
        return commands.values().stream().map(c -> c.request).toList();
    }

    private String[] status(Cmd c, String instanceId, Instant now) {
        Script s = scripts.getOrDefault(instanceId, defaultScript);
        Phase current = s.phases().get(0);
        for (Phase p : s.phases()) {
            if (!now.isBefore(c.sent.plus(p.after()))) {
                current = p;
            }
        }
        boolean fin = List.of("Success", "Failed", "TimedOut", "Cancelled").contains(current.status());
        if (c.cancelledAt != null && !fin) {
            return now.isAfter(c.cancelledAt) ? new String[] {"Cancelled", "Cancelled"} : new String[] {"Cancelling", "Cancelling"};
        }
        return new String[] {current.status(), current.details()};
    }

    synchronized ResponseDefinition handle(Request request) {
        String target = request.getHeader("X-Amz-Target");
        JsonNode body = read(request.getBodyAsString());
        Instant now = clock.get();
        switch (target == null ? "" : target) {
            case "AmazonSSM.SendCommand" -> {
                Cmd c = new Cmd();
                c.id = UUID.nameUUIDFromBytes(("cmd" + commands.size()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
                c.sent = now;
                c.request = body;
                c.instanceIds = new ArrayList<>();
                body.path("InstanceIds").forEach(i -> c.instanceIds.add(i.asText()));
                commands.put(c.id, c);
                return Wire.json11(200, "{\"Command\":{\"CommandId\":\"" + c.id + "\",\"DocumentName\":\"AWS-RunShellScript\",\"InstanceIds\":"
                        + body.path("InstanceIds") + ",\"Status\":\"Pending\",\"RequestedDateTime\":" + Wire.epoch(now) + ",\"TargetCount\":"
                        + c.instanceIds.size() + ",\"CompletedCount\":0,\"ErrorCount\":0}}");
            }
            case "AmazonSSM.ListCommandInvocations" -> {
                Cmd c = commands.get(body.path("CommandId").asText());
                StringBuilder list = new StringBuilder();
                if (c != null && !now.isBefore(c.sent.plus(listLag))) {
                    for (String id : c.instanceIds) {
                        String[] s = status(c, id, now);
                        list.append(list.length() == 0 ? "" : ",").append("{\"CommandId\":\"").append(c.id).append("\",\"InstanceId\":\"").append(id)
                                .append("\",\"InstanceName\":\"\",\"DocumentName\":\"AWS-RunShellScript\",\"DocumentVersion\":\"$DEFAULT\",\"RequestedDateTime\":")
                                .append(Wire.epoch(c.sent)).append(",\"Status\":\"").append(s[0]).append("\",\"StatusDetails\":\"").append(s[1])
                                .append("\",\"CommandPlugins\":[]}");
                    }
                }
                return Wire.json11(200, "{\"CommandInvocations\":[" + list + "]}");
            }
            case "AmazonSSM.GetCommandInvocation" -> {
                Cmd c = commands.get(body.path("CommandId").asText());
                String id = body.path("InstanceId").asText();
                if (c == null || !c.instanceIds.contains(id) || c.gets.merge(id, 1, Integer::sum) <= doesNotExistTimes) {
                    return Wire.json11(400, "{\"__type\":\"InvocationDoesNotExist\"}");
                }
                String[] s = status(c, id, now);
                Script script = scripts.getOrDefault(id, defaultScript);
                boolean fin = List.of("Success", "Failed", "TimedOut", "Cancelled").contains(s[0]);
                int code = fin && !s[0].equals("Cancelled") ? script.exitCode() : -1;
                return Wire.json11(200, "{\"CommandId\":\"" + c.id + "\",\"InstanceId\":\"" + id + "\",\"Comment\":"
                        + c.request.path("Comment") + ",\"DocumentName\":\"AWS-RunShellScript\",\"DocumentVersion\":\"$DEFAULT\","
                        + "\"PluginName\":\"aws:runShellScript\",\"ResponseCode\":" + code + ",\"ExecutionStartDateTime\":\""
                        + c.sent.plusSeconds(5) + "\",\"ExecutionElapsedTime\":\"\",\"ExecutionEndDateTime\":\"" + (fin ? now.toString() : "")
                        + "\",\"Status\":\"" + s[0] + "\",\"StatusDetails\":\"" + s[1] + "\",\"StandardOutputContent\":"
                        + Wire.quote(fin ? script.stdout() : "") + ",\"StandardOutputUrl\":\"\",\"StandardErrorContent\":"
                        + Wire.quote(fin ? script.stderr() : "") + ",\"StandardErrorUrl\":\"\",\"CloudWatchOutputConfig\":"
                        + "{\"CloudWatchLogGroupName\":\"\",\"CloudWatchOutputEnabled\":false}}");
            }
            case "AmazonSSM.CancelCommand" -> {
                Cmd c = commands.get(body.path("CommandId").asText());
                if (c == null) {
                    return Wire.json11Error("InvalidCommandId", "");
                }
                c.cancelledAt = now;
                return Wire.json11(200, "{}");
            }
            case "AmazonSSM.DescribeInstanceInformation" -> {
                StringBuilder list = new StringBuilder();
                for (JsonNode f : body.path("Filters")) {
                    if (f.path("Key").asText().equals("InstanceIds")) {
                        for (JsonNode v : f.path("Values")) {
                            if (ping.containsKey(v.asText())) {
                                list.append(list.length() == 0 ? "" : ",").append("{\"InstanceId\":\"").append(v.asText()).append("\",\"PingStatus\":\"")
                                        .append(ping.get(v.asText())).append("\",\"PlatformType\":\"Linux\",\"AgentVersion\":\"3.3.1611.0\",\"ResourceType\":\"EC2Instance\"}");
                            }
                        }
                    }
                }
                return Wire.json11(200, "{\"InstanceInformationList\":[" + list + "]}");
            }
            default -> {
                return Wire.json11Error("UnknownOperationException", "unknown target " + target);
            }
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
