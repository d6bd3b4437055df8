package dev.spotsim.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs a scenario: the method is a JUnit test, it may take the run's {@link ScenarioResult} as a
 * parameter to assert on, and it fails with the SLO lines when the scenario's SLO gate fails (or, with
 * {@link #expectFailure()}, when it passes). A run that reaches no verdict fails before the method runs.
 * <pre>
 * &#64;SpotsimScenario("src/test/spotsim/web.yaml")
 * void drainsBeforeTheNoticeEnds(ScenarioResult run) {
 *     assertThat(run.drainTimes()).allSatisfy(t -&gt; assertThat(t).isLessThan(Duration.ofSeconds(30)));
 * }
 * </pre>
 * Tagged {@code spotsim}, so a build can run or leave out scenario tests ({@code -Dgroups=spotsim}).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag("spotsim")
@ExtendWith(SpotsimExtension.class)
public @interface SpotsimScenario {
    /** {@link #seed()} when the scenario's own seed applies. */
    long SCENARIO_SEED = Long.MIN_VALUE;

    /** The scenario file, relative to the working directory, or a test classpath resource. */
    String value();

    /** Overrides the scenario's seed. */
    long seed() default SCENARIO_SEED;

    /** Where run directories go. */
    String out() default "target/spotsim";

    /** Where the workload's commands run; empty: the working directory. */
    String workdir() default "";

    /** An earlier run (run.json or its directory) for relative SLOs; empty: none. */
    String baseline() default "";

    /** How long the workload may take to become healthy ("2m", "90s"). */
    String startTimeout() default "2m";

    /** The test expects the SLO gate to fail (a scenario that shows what goes wrong without a drain). */
    boolean expectFailure() default false;
}
