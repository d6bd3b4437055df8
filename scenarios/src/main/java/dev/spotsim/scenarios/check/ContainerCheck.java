package dev.spotsim.scenarios.check;

import dev.spotsim.scenarios.model.Argv;
import dev.spotsim.scenarios.model.ContainerSpec;
import dev.spotsim.scenarios.model.Lane;
import dev.spotsim.scenarios.model.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * What a container workload's own settings say about its drain, without an engine: the IMDS hop limit on a
 * bridge network, and a shell-form override without an init. (The image's own config is linted by the CLI.)
 */
public final class ContainerCheck {
    private ContainerCheck() {
    }

    /** Findings for {@code s}'s container; empty for a command workload. */
    public static List<Finding> check(Scenario s) {
        ContainerSpec c = s.workload().container();
        List<Finding> findings = new ArrayList<>();
        if (c == null) {
            return findings;
        }
        if (c.tokenPutUnanswered()) {
            boolean required = s.fleet().imdsv2() == dev.spotsim.scenarios.model.HttpTokens.REQUIRED;
            String what = "on a bridge network with httpPutResponseHopLimit " + c.httpPutResponseHopLimit() + " the container's IMDSv2 token request "
                    + "(PUT /latest/api/token) gets no answer: the response needs 2 hops";
            if (required && s.workload().lane() == Lane.APP) {
                findings.add(Finding.error("workload.container.httpPutResponseHopLimit", what + ", IMDSv2 is required, and on the app lane only "
                        + "the workload watches IMDS: it never sees the notice; set httpPutResponseHopLimit: 2 (AWS's advice for containers)"));
            } else {
                findings.add(Finding.warning("workload.container.httpPutResponseHopLimit", what + (required
                        ? "; with IMDSv2 required the container never sees the notice (set httpPutResponseHopLimit: 2)"
                        : "; AWS SDKs fall back to IMDSv1 after a timeout (set httpPutResponseHopLimit: 2)")));
            }
        }
        for (Argv argv : new Argv[] {c.entrypoint(), c.command()}) {
            if (argv instanceof Argv.ShellForm shell && !c.init() && (argv == c.entrypoint() || c.entrypoint() == null)) {
                findings.add(Finding.warning("workload.container." + (argv == c.entrypoint() ? "entrypoint" : "command"),
                        "shell form (/bin/sh -c " + shell.command() + "): /bin/sh is PID 1 unless it execs the program, and a PID 1 without a "
                        + "handler ignores SIGTERM: the program is SIGKILLed at the stop timeout; use a list (exec form) or init: true"));
            }
        }
        return findings;
    }
}
