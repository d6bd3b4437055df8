package dev.spotsim.gameday.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A fake FIS (REST-JSON) that keeps templates and experiments: an experiment is initiating, then
 * running until its durationBeforeInterruption passes, when it interrupts its Spot Instances in the
 * fake EC2 and completes; StopExperiment makes it stopping, then stopped. Unknown ids are 404
 * ResourceNotFoundException. https://docs.aws.amazon.com/fis/latest/APIReference/Welcome.html
 */
public final class FakeFis {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Instant> clock;
    private final FakeEc2 ec2;
    private final Map<String, JsonNode> templates = new LinkedHashMap<>();
    private final Map<String, Exp> experiments = new LinkedHashMap<>();
    private int next = 1;
    /** When set, experiments fail with this reason once running. */
    public volatile String failWith;
    /** When true, experiments never finish on their own (a long action). */
    public volatile boolean neverCompletes;

    FakeFis(Supplier<Instant> clock, FakeEc2 ec2) {
        this.clock = clock;
        this.ec2 = ec2;
    }

    private static final class Exp {
        String id;
        String templateId;
        Instant start;
        Duration duration;
        List<String> instanceIds = new ArrayList<>();
        int gets;
        Instant stopAt;
        boolean interrupted;
        JsonNode tags;
    }

    /** When each instance of a started, unstopped experiment is (or was) interrupted: what the drain fakes play against. */
    synchronized Map<String, Instant> actionTimes() {
        Map<String, Instant> out = new java.util.HashMap<>();
        for (Exp e : experiments.values()) {
            if (e.stopAt == null && failWith == null && !neverCompletes) {
                e.instanceIds.forEach(id -> out.put(id, e.start.plus(e.duration)));
            }
        }
        return out;
    }

    /** Templates still stored (not deleted). */
    public synchronized List<String> templateIds() {
        return List.copyOf(templates.keySet());
    }

    /** Interrupts the instances of experiments whose time has come; called on every request to any fake service. */
    synchronized void advance(Instant now) {
        for (Exp e : experiments.values()) {
            if (!e.interrupted && e.stopAt == null && failWith == null && !neverCompletes && !now.isBefore(e.start.plus(e.duration))) {
                e.interrupted = true;
                e.instanceIds.forEach(id -> ec2.interrupt(id, e.start.plus(e.duration)));
            }
        }
    }

    private String status(Exp e, Instant now) {
        if (e.stopAt != null) {
            return e.gets <= 1 && !now.isAfter(e.stopAt) ? "stopping" : "stopped";
        }
        if (failWith != null && e.gets > 1) {
            return "failed";
        }
        if (e.interrupted) {
            return "completed";
        }
        return e.gets == 0 ? "initiating" : "running";
    }

    synchronized ResponseDefinition handle(Request request) {
        Instant now = clock.get();
        advance(now);
        String path = request.getUrl().replaceAll("\\?.*", "");
        RequestMethod method = request.getMethod();
        if (method.equals(RequestMethod.POST) && path.equals("/experimentTemplates")) {
            JsonNode body = read(request.getBodyAsString());
            String id = String.format("EXT%014d", next++);
            templates.put(id, body);
            return Wire.restJson(200, "{\"experimentTemplate\":{\"id\":\"" + id + "\",\"description\":" + body.get("description")
                    + ",\"targets\":" + body.get("targets") + ",\"actions\":" + body.get("actions") + ",\"stopConditions\":"
                    + body.get("stopConditions") + ",\"creationTime\":" + Wire.epoch(now) + ",\"lastUpdateTime\":" + Wire.epoch(now)
                    + ",\"roleArn\":" + body.get("roleArn") + ",\"tags\":" + body.get("tags") + "}}");
        }
        if (method.equals(RequestMethod.POST) && path.equals("/experiments")) {
            JsonNode body = read(request.getBodyAsString());
            JsonNode template = templates.get(body.path("experimentTemplateId").asText());
            if (template == null) {
                return Wire.restError(404, "ResourceNotFoundException", "Experiment template not found.");
            }
            Exp e = new Exp();
            e.id = String.format("EXP%014d", next++);
            e.templateId = body.path("experimentTemplateId").asText();
            e.start = now;
            e.tags = body.path("tags");
            template.path("targets").forEach(t -> t.path("resourceArns").forEach(a -> e.instanceIds.add(a.asText().replaceAll(".*instance/", ""))));
            e.duration = Duration.parse(template.path("actions").elements().next().path("parameters").path("durationBeforeInterruption").asText());
            experiments.put(e.id, e);
            String started = experiment(e, now);
            e.gets++;
            return Wire.restJson(200, started);
        }
        if (path.startsWith("/experiments/")) {
            Exp e = experiments.get(path.substring("/experiments/".length()));
            if (e == null) {
                return Wire.restError(404, "ResourceNotFoundException", "Experiment not found.");
            }
            if (method.equals(RequestMethod.DELETE)) {
                e.stopAt = now;
                e.gets = 0;
            }
            String body = experiment(e, now);
            e.gets++;
            return Wire.restJson(200, body);
        }
        if (method.equals(RequestMethod.DELETE) && path.startsWith("/experimentTemplates/")) {
            JsonNode removed = templates.remove(path.substring("/experimentTemplates/".length()));
            return removed == null ? Wire.restError(404, "ResourceNotFoundException", "Experiment template not found.")
                    : Wire.restJson(200, "{\"experimentTemplate\":{\"id\":\"" + path.substring("/experimentTemplates/".length()) + "\"}}");
        }
        return Wire.restError(404, "UnknownOperationException", "no such operation: " + method + " " + path);
    }

    private String experiment(Exp e, Instant now) {
        String status = status(e, now);
        String reason = switch (status) {
            case "initiating" -> "Experiment is initiating.";
            case "running" -> "Experiment is running.";
            case "completed" -> "Experiment completed.";
            case "stopping" -> "Experiment is stopping.";
            case "stopped" -> "Experiment stopped.";
            default -> failWith;
        };
        return "{\"experiment\":{\"id\":\"" + e.id + "\",\"experimentTemplateId\":\"" + e.templateId + "\",\"state\":{\"status\":\""
                + status + "\",\"reason\":" + Wire.quote(reason) + "},\"creationTime\":" + Wire.epoch(e.start) + ",\"startTime\":"
                + Wire.epoch(e.start) + (status.equals("completed") || status.equals("stopped") || status.equals("failed")
                ? ",\"endTime\":" + Wire.epoch(now) : "") + ",\"tags\":" + (e.tags.isMissingNode() ? "{}" : e.tags) + "}}";
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
