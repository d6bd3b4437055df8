package dev.spotsim.scenarios.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingCheckTest {
    private static final String BASE = """
            name: t
            fleet: {group: {desired: 2}, pools: [{type: c5.large, az: us-east-1a}]}
            workload: {lane: LANE, command: "x", stopTimeout: STOP WORKLOAD_EXTRA}
            loadBalancer: {deregistrationDelay: DEREG}
            """;

    private List<Finding> check(String lane, String stop, String dereg, String extra) {
        String yaml = BASE.replace("LANE", lane).replace("STOP", stop).replace("DEREG", dereg).replace("WORKLOAD_EXTRA", extra);
        return TimingCheck.check(new StructuredReader().read(yaml, "t.yaml", false, Scenario.class));
    }

    private static List<Finding.Severity> severities(List<Finding> f) {
        return f.stream().map(Finding::severity).toList();
    }

    @Test
    void ecsDrainThatFitsPasses() {
        assertThat(check("ecs-ec2", "30s", "15s", "")).isEmpty();
    }

    @Test
    void ecsDrainLongerThanTheNoticeFailsWithTheSum() {
        List<Finding> f = check("ecs-ec2", "90s", "60s", "");
        assertThat(severities(f)).containsExactly(Finding.Severity.ERROR);
        assertThat(f.get(0).message()).contains("ECS agent detection 1s + deregistration delay 1m + stopTimeout 1m30s = 2m31s",
                "longer than the notice 2m");
    }

    @Test
    void theAlbDefaultDeregistrationDelayIsCalledOut() {
        String yaml = BASE.replace("LANE", "ecs-ec2").replace("STOP", "10s").replace("WORKLOAD_EXTRA", "")
                .replace("loadBalancer: {deregistrationDelay: DEREG}\n", "");
        List<Finding> f = TimingCheck.check(new StructuredReader().read(yaml, "t.yaml", false, Scenario.class));
        assertThat(f).extracting(Finding::field).contains("loadBalancer.deregistrationDelay");
        assertThat(f).anySatisfy(x -> assertThat(x.message()).contains("5m (the ALB default)"));
    }

    @Test
    void eksDrainGivingUpBeforeTheGracePeriodIsAnError() {
        List<Finding> f = check("eks-nth", "30s", "10s", ", terminationGracePeriod: 90s, drainTimeout: 60s");
        assertThat(f).extracting(Finding::field).contains("workload.drainTimeout");
    }

    @Test
    void fargateNearTheLimitWarns() {
        assertThat(severities(check("fargate-spot", "115s", "10s", ""))).containsExactly(Finding.Severity.WARNING);
    }

    @Test
    void batchWithoutHostRetryIsAnErrorAndWithItPasses() {
        assertThat(check("batch", "30s", "10s", "")).extracting(Finding::field).containsExactly("workload.retry");
        assertThat(check("batch", "30s", "10s", ", retry: {attempts: 3, evaluateOnExit: [{onStatusReason: \"Host EC2*\", action: retry}]}"))
                .isEmpty();
    }

    @Test
    void theAppLaneOnlyWarns() {
        assertThat(severities(check("app", "30s", "10s", ""))).containsExactly(Finding.Severity.WARNING);
    }
}
