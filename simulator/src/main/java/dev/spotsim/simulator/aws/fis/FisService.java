package dev.spotsim.simulator.aws.fis;

import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import dev.spotsim.simulator.aws.fis.FisShapes.CreateTemplateInput;
import dev.spotsim.simulator.aws.fis.FisShapes.ExperimentAnswer;
import dev.spotsim.simulator.aws.fis.FisShapes.ListExperimentsAnswer;
import dev.spotsim.simulator.aws.fis.FisShapes.ListResolvedTargetsAnswer;
import dev.spotsim.simulator.aws.fis.FisShapes.ListTemplatesAnswer;
import dev.spotsim.simulator.aws.fis.FisShapes.ResolvedTarget;
import dev.spotsim.simulator.aws.fis.FisShapes.StartExperimentInput;
import dev.spotsim.simulator.aws.fis.FisShapes.Template;
import dev.spotsim.simulator.aws.fis.FisShapes.TemplateAnswer;
import dev.spotsim.simulator.aws.fis.FisShapes.TemplateSummary;
import dev.spotsim.simulator.aws.fis.FisShapes.UpdateTemplateInput;
import dev.spotsim.simulator.aws.json.AwsJson;
import dev.spotsim.simulator.aws.json.Checks;
import dev.spotsim.simulator.aws.json.MemberCase;
import dev.spotsim.simulator.aws.json.Pages;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * AWS FIS on REST-JSON: experiment templates (create, get, list, update, delete) and experiments
 * (start, get, list, stop, resolved targets), carried out on the simulated fleet by
 * {@link ExperimentRunner}. https://docs.aws.amazon.com/fis/latest/APIReference/Welcome.html
 */
public final class FisService implements AwsService {
    private final AwsJson json = new AwsJson(MemberCase.LOWER_CAMEL);
    private final AwsContext context;
    private final Templates templates;
    private final ExperimentRunner runner;
    private final Map<String, ExperimentRun> experiments = new LinkedHashMap<>();
    private final Map<String, String> experimentsByClientToken = new LinkedHashMap<>();

    public FisService(AwsContext context) {
        this.context = context;
        this.templates = new Templates(context.clock(), context.accountId());
        this.runner = new ExperimentRunner(context.fleet(), context.clock());
    }

    @Override
    public String signingName() {
        return "fis";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.REST_JSON;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/experimentTemplates", "/experiments");
    }

    @Override
    public synchronized int reset() {
        experiments.values().forEach(runner::stop);
        int count = experiments.size() + templates.clear();
        experiments.clear();
        experimentsByClientToken.clear();
        return count;
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        return CompletableFuture.completedFuture(json.answer(AwsProtocol.REST_JSON, route(request)));
    }

    private Object route(AwsRequest r) {
        String[] parts = r.path().replaceAll("/+$", "").split("/");
        String collection = parts.length > 1 ? parts[1] : "";
        String id = parts.length > 2 ? URLDecoder.decode(parts[2], StandardCharsets.UTF_8) : null;
        String sub = parts.length > 3 ? parts[3] : null;
        String m = r.method();
        if (parts.length <= 4 && collection.equals("experimentTemplates") && sub == null) {
            if (id == null && m.equals("POST")) {
                return new TemplateAnswer(templates.create(json.read(r, CreateTemplateInput.class), r.region()));
            }
            if (id == null && m.equals("GET")) {
                return listTemplates(r);
            }
            switch (id == null ? "" : m) {
                case "GET" -> {
                    return new TemplateAnswer(templates.get(id));
                }
                case "PATCH" -> {
                    return new TemplateAnswer(templates.update(id, json.read(r, UpdateTemplateInput.class)));
                }
                case "DELETE" -> {
                    return new TemplateAnswer(templates.delete(id));
                }
                default -> {
                    // falls through to the 404 below
                }
            }
        }
        if (parts.length <= 4 && collection.equals("experiments")) {
            if (id == null && m.equals("POST") && sub == null) {
                return new ExperimentAnswer(start(json.read(r, StartExperimentInput.class), r.region()));
            }
            if (id == null && m.equals("GET") && sub == null) {
                return listExperiments(r);
            }
            if (id != null && m.equals("GET") && sub == null) {
                return new ExperimentAnswer(experiment(id).toShape());
            }
            if (id != null && m.equals("DELETE") && sub == null) {
                ExperimentRun run = experiment(id);
                runner.stop(run);
                return new ExperimentAnswer(run.toShape());
            }
            if (id != null && m.equals("GET") && "resolvedTargets".equals(sub)) {
                return resolvedTargets(experiment(id), r);
            }
        }
        throw new AwsException(404, "UnknownOperationException", "FIS has no operation at " + m + " " + r.path());
    }

    private FisShapes.Experiment start(StartExperimentInput in, String region) {
        new Checks().required("clientToken", in.clientToken()).required("experimentTemplateId", in.experimentTemplateId())
                .length("tags", in.tags() == null ? null : in.tags().keySet(), 0, 50).orThrow();
        ExperimentRun run;
        synchronized (experiments) {
            String known = experimentsByClientToken.get(in.clientToken());
            if (known != null) {
                return experiments.get(known).toShape();
            }
            Template template = templates.get(in.experimentTemplateId());
            String id = Templates.newId("EXP");
            run = new ExperimentRun(id, templates.arn(region, "experiment", id), template, in.tags() == null ? Map.of() : Map.copyOf(in.tags()),
                    context.clock().now());
            experiments.put(id, run);
            experimentsByClientToken.put(in.clientToken(), id);
        }
        runner.initiate(run);
        // FIS answers while the experiment initiates; the actions start right after.
        FisShapes.Experiment answer = run.toShape();
        runner.begin(run);
        return answer;
    }

    private ExperimentRun experiment(String id) {
        synchronized (experiments) {
            ExperimentRun run = experiments.get(id);
            if (run == null) {
                throw new AwsException(404, "ResourceNotFoundException", "Experiment " + id + " not found.");
            }
            return run;
        }
    }

    private ListTemplatesAnswer listTemplates(AwsRequest r) {
        Pages.Page<Template> page = Pages.of(templates.all(), query(r, "nextToken"), maxResults(r), 100, "ValidationException");
        return new ListTemplatesAnswer(page.items().stream()
                .map(t -> new TemplateSummary(t.id(), t.arn(), t.description(), t.creationTime(), t.lastUpdateTime(), t.tags())).toList(),
                page.nextToken());
    }

    private ListExperimentsAnswer listExperiments(AwsRequest r) {
        String templateId = query(r, "experimentTemplateId");
        List<ExperimentRun> all;
        synchronized (experiments) {
            all = new ArrayList<>(experiments.values());
        }
        all.removeIf(run -> templateId != null && !run.template.id().equals(templateId));
        Pages.Page<ExperimentRun> page = Pages.of(all, query(r, "nextToken"), maxResults(r), 100, "ValidationException");
        return new ListExperimentsAnswer(page.items().stream().map(ExperimentRun::summary).toList(), page.nextToken());
    }

    private ListResolvedTargetsAnswer resolvedTargets(ExperimentRun run, AwsRequest r) {
        String targetName = query(r, "targetName");
        List<ResolvedTarget> all = new ArrayList<>();
        synchronized (run) {
            run.resolved.forEach((name, arns) -> {
                if (targetName == null || targetName.equals(name)) {
                    String type = run.template.targets().get(name).resourceType();
                    arns.forEach(arn -> all.add(new ResolvedTarget(type, name, Map.of("arn", arn))));
                }
            });
        }
        Pages.Page<ResolvedTarget> page = Pages.of(all, query(r, "nextToken"), maxResults(r), 100, "ValidationException");
        return new ListResolvedTargetsAnswer(page.items(), page.nextToken());
    }

    private static String query(AwsRequest r, String name) {
        List<String> v = r.query().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Integer maxResults(AwsRequest r) {
        String v = query(r, "maxResults");
        if (v == null) {
            return null;
        }
        Integer n;
        try {
            n = Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw Checks.validation("1 validation error detected: Value '" + v + "' at 'maxResults' failed to satisfy constraint: Member must be a number");
        }
        new Checks().range("maxResults", n, 1, 100).orThrow();
        return n;
    }
}
