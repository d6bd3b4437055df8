package dev.spotsim.simulator.aws.ssm;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.LocalAws;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A spotsim stand-in for {@link SsmOrphanedCommandsTest}: a simulator with two instances runs an SSM command on both
 * (a shell that starts a sleeping child), prints every pid of those trees and the guard's, then waits for kill -9.
 */
public final class SsmOrphanTestMain {
    private SsmOrphanTestMain() {
    }

    public static void main(String[] args) throws Exception {
        SpotSim sim = SpotSim.builder().instances(2).start();
        SsmClient ssm = LocalAws.client(SsmClient.builder(), sim);
        List<String> ids = sim.instances().stream().map(v -> v.instanceId()).toList();
        String commandId = SsmRunCommandTest.send(ssm, ids, Map.of("commands", List.of("sleep 600 &", "echo \"$$ $!\"", "wait")));
        for (String id : ids) {
            String out = "";
            long deadline = System.currentTimeMillis() + 30_000;
            while (!out.endsWith("\n") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                out = ssm.getCommandInvocation(b -> b.commandId(commandId).instanceId(id)).standardOutputContent();
            }
            for (String pid : out.trim().split(" ")) {
                System.out.println("pid " + pid);
            }
        }
        ProcessHandle.current().descendants().filter(h -> h.info().arguments().map(a -> List.of(a).contains("spotsim-workload-guard")).orElse(false))
                .forEach(h -> System.out.println("guard " + h.pid()));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
