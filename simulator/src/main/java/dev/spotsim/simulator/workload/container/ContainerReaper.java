package dev.spotsim.simulator.workload.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes containers that an earlier spotsim run left behind when it died without cleaning up (kill -9, a crash). */
public final class ContainerReaper {
    private static final Logger log = LoggerFactory.getLogger(ContainerReaper.class);

    private ContainerReaper() {
    }

    /** Removes every spotsim container whose owning process is gone; returns one line per dead run, for the user. */
    public static List<String> reapOrphans(DockerClient client, ContainerLabels self) {
        List<Container> all = client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(ContainerLabels.RUN)).exec();
        Map<String, List<String>> removedByRun = new TreeMap<>();
        for (Container c : all) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            if (!self.ownerIsGone(labels)) {
                continue;
            }
            try {
                client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                log.debug("container {} went away while reaping", c.getId());
            }
            removedByRun.computeIfAbsent(labels.get(ContainerLabels.RUN) + " (pid " + labels.get(ContainerLabels.OWNER_PID) + ")",
                    k -> new ArrayList<>()).add(c.getId().substring(0, 12));
        }
        List<String> lines = new ArrayList<>();
        removedByRun.forEach((run, ids) -> {
            String line = "removed " + ids.size() + " container(s) left by spotsim run " + run + ", which is no longer running: " + String.join(", ", ids);
            log.warn(line);
            lines.add(line);
        });
        return lines;
    }
}
