package dev.spotsim.simulator.platform;

/** What the scheduler places next: a service keeps a count of tasks, Batch places runnable job attempts. */
public interface TaskDemand {
    /** The id of the next task to place, given how many run now (not draining); null when nothing is wanted. */
    String next(int running);

    /** Which attempt of its job the task is (1 for a service's task). */
    default int attemptOf(String taskId) {
        return 1;
    }

    /** A service: {@code desired} tasks, named task-0001, task-0002, ... */
    final class Service implements TaskDemand {
        private final int desired;
        private int sequence;

        Service(int desired) {
            this.desired = desired;
        }

        @Override
        public synchronized String next(int running) {
            return running < desired ? String.format("task-%04d", ++sequence) : null;
        }
    }
}
