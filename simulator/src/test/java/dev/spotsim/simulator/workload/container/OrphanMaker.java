package dev.spotsim.simulator.workload.container;

import dev.spotsim.simulator.workload.WorkloadLaunch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** A spotsim-like JVM for {@link ContainerReaperTest}: starts one container for run args[0], says so, and waits to be killed. */
public final class OrphanMaker {
    private OrphanMaker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        WorkloadLaunch launch = ContainerEngineSupport.launch(args[0], "orphan-1", dir, Map.of());
        ContainerRuntime runtime = new ContainerRuntime(DockerEngine.connect(System.getenv()),
                ContainerEngineSupport.spec(ContainerEngineSupport.EXEC_IMAGE, false), Clock.systemUTC());
        runtime.start(launch);
        System.out.println("started " + launch.runId());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
