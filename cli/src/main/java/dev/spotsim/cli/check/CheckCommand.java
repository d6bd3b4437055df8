package dev.spotsim.cli.check;

import dev.spotsim.runner.check.ScenarioChecks;
import dev.spotsim.scenarios.check.Finding;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotsim check}: reads scenarios and says, without running anything, whether their drain can fit the notice. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validate scenario files and check, without running anything, whether each drain fits the notice:",
                "detection + deregistration delay + stopTimeout (ecs-ec2), stopTimeout and Fargate's 120 s cap (fargate-spot),",
                "handler poll + preStop + terminationGracePeriodSeconds and the 120 s drain give-up (eks-nth), Batch retries",
                "on host loss, and ALB's 300 s default deregistration delay. A container workload's image is read from the",
                "engine at DOCKER_HOST (when one answers): shell-form ENTRYPOINT/CMD without init, EXPOSE vs containerPort,",
                "and the IMDS hop limit on a bridge network."},
        footer = {"", "Exit codes: 0 every scenario fits (warnings may be printed), 1 a file cannot be read or is invalid,",
                "2 a timing cannot fit the notice."})
public final class CheckCommand implements Callable<Integer> {
    static final int FITS = 0;
    static final int INVALID = 1;
    static final int CANNOT_FIT = 2;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files (YAML or JSON).")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean invalid = false;
        boolean cannotFit = false;
        StructuredReader reader = new StructuredReader();
        for (Path file : files) {
            Scenario scenario;
            try {
                scenario = reader.read(file, Scenario.class);
            } catch (RuntimeException e) {
                err.println("spotsim: " + e.getMessage());
                invalid = true;
                continue;
            }
            List<Finding> findings = ScenarioChecks.findings(scenario, System.getenv());
            boolean fits = findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
            out.println(file + ": " + scenario.name() + " (" + scenario.workload().lane() + "): "
                    + (fits ? "the drain fits the notice" : "the drain cannot fit the notice"));
            for (Finding f : findings) {
                out.println("  " + f.severity().name().toLowerCase() + "  " + f.field() + ": " + f.message());
            }
            if (!fits) {
                cannotFit = true;
            }
        }
        out.flush();
        err.flush();
        // An unreadable file outranks a timing that cannot fit: CI must see that the input itself is wrong.
        return invalid ? INVALID : cannotFit ? CANNOT_FIT : FITS;
    }
}
