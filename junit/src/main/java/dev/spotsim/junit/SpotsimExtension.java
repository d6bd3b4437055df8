package dev.spotsim.junit;

import dev.spotsim.reports.record.Verdict;
import dev.spotsim.scenarios.time.Durations;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the scenario of a {@link SpotsimScenario} test once, hands its {@link ScenarioResult} to the method, and
 * judges the SLO gate after the method's own assertions (theirs are more specific, so they are reported first).
 */
public final class SpotsimExtension implements ParameterResolver, InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SpotsimExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScenarioResult.class && annotation(context) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return result(context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method, ExtensionContext context)
            throws Throwable {
        SpotsimScenario scenario = annotation(context);
        if (scenario == null) {
            invocation.proceed();
            return;
        }
        ScenarioResult result = result(context);
        if (result.verdict() == Verdict.NO_VERDICT) {
            invocation.skip();
            throw new AssertionFailedError(result.describe());
        }
        AssertionFailedError gate = gate(scenario, result);
        try {
            invocation.proceed();
        } catch (Throwable t) {
            if (gate != null) {
                t.addSuppressed(gate);
            }
            throw t;
        }
        if (gate != null) {
            throw gate;
        }
    }

    /** The gate's failure, or null when the verdict is the one the test expects. */
    static AssertionFailedError gate(SpotsimScenario scenario, ScenarioResult result) {
        if (scenario.expectFailure() && result.verdict() == Verdict.PASS) {
            return new AssertionFailedError("expected an SLO of " + result.record().scenario() + " to break (expectFailure), but every SLO holds; report: "
                    + result.report().toAbsolutePath());
        }
        if (!scenario.expectFailure() && result.verdict() == Verdict.FAIL) {
            return new AssertionFailedError(result.describe());
        }
        return null;
    }

    /** The method's run, started on first use and kept for the rest of the test. */
    private static ScenarioResult result(ExtensionContext context) {
        SpotsimScenario scenario = annotation(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), id -> run(scenario), ScenarioResult.class);
    }

    private static ScenarioResult run(SpotsimScenario scenario) {
        SpotScenario run = SpotScenario.of(Path.of(scenario.value())).out(Path.of(scenario.out()))
                .startTimeout(Durations.parse(scenario.startTimeout()));
        if (scenario.seed() != SpotsimScenario.SCENARIO_SEED) {
            run.seed(scenario.seed());
        }
        if (!scenario.workdir().isEmpty()) {
            run.workdir(Path.of(scenario.workdir()));
        }
        if (!scenario.baseline().isEmpty()) {
            run.baseline(Path.of(scenario.baseline()));
        }
        return run.run();
    }

    private static SpotsimScenario annotation(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, SpotsimScenario.class)).orElse(null);
    }
}
