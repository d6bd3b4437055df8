package dev.spotsim.scenarios.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A workload that runs as a container of the user's image (instead of a host command). The names are
 * the task definition's: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
 *
 * @param image          the image reference, e.g. "spotsim-samples/drain-aware:exec"
 * @param containerPort  the port the program listens on; spotsim passes the task's port as PORT and, when this is
 *                       set, checks it against the image's EXPOSE (containers use host networking: see docs/containers.md)
 * @param entrypoint     overrides the image's ENTRYPOINT (a list: exec form; a string: shell form, /bin/sh -c)
 * @param command        overrides the image's CMD (same forms)
 * @param env            added to what the platform gives the task
 * @param init           runs an init process as PID 1 (ECS initProcessEnabled, docker run --init)
 * @param stopSignal     the signal a stop sends first (default: the image's STOPSIGNAL, else SIGTERM)
 * @param pull           never | missing | always
 * @param user           "uid[:gid]" or a name the image knows
 * @param mounts         host paths mounted into the container, read-only unless a mount says {@code readOnly: false}
 * @param network        the network the task is modelled on: bridge (ECS bridge mode, Docker's default: IMDS is one
 *                       hop further away) or host
 * @param httpPutResponseHopLimit the instances' IMDS metadata option (EC2 default 1; AWS recommends 2 for containers):
 *                       with 1, a token PUT from a container on a bridge network gets no answer
 * @param taskRoleArn    the role whose credentials the container credentials endpoint hands the task (default a fake one)
 */
public record ContainerSpec(String image, Integer containerPort, Argv entrypoint, Argv command, Map<String, String> env,
                            Boolean init, String stopSignal, String pull, String user, List<Mount> mounts, String network,
                            Integer httpPutResponseHopLimit, String taskRoleArn) {
    /** The pull policies, as the Docker CLI's --pull names them. */
    public static final List<String> PULL_POLICIES = List.of("never", "missing", "always");
    private static final String SIGNAL = "(?i)(SIG)?(HUP|INT|QUIT|KILL|USR1|USR2|TERM|WINCH)|1|2|3|9|10|12|15|28";

    public ContainerSpec {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("image: required, e.g. \"spotsim-samples/drain-aware:exec\"");
        }
        if (!image.matches("[a-zA-Z0-9][a-zA-Z0-9._/:@+-]*")) {
            throw new IllegalArgumentException("image: expected an image reference like name:tag or registry/name@sha256:..., got \"" + image + "\"");
        }
        if (containerPort != null && (containerPort < 1 || containerPort > 65535)) {
            throw new IllegalArgumentException("containerPort: expected 1..65535, got " + containerPort);
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        init = init != null && init;
        if (stopSignal != null && !stopSignal.trim().matches(SIGNAL)) {
            throw new IllegalArgumentException("stopSignal: expected a signal like SIGTERM, SIGINT, SIGQUIT or SIGUSR1, got \"" + stopSignal + "\"");
        }
        pull = pull == null ? "missing" : pull.toLowerCase(Locale.ROOT);
        if (!PULL_POLICIES.contains(pull)) {
            throw new IllegalArgumentException("pull: expected one of " + PULL_POLICIES + ", got \"" + pull + "\"");
        }
        if (user != null && user.isBlank()) {
            throw new IllegalArgumentException("user: expected uid[:gid] or a user name, got a blank");
        }
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        network = network == null ? "bridge" : network.toLowerCase(Locale.ROOT);
        if (!network.equals("bridge") && !network.equals("host")) {
            throw new IllegalArgumentException("network: expected bridge or host, got \"" + network + "\"");
        }
        httpPutResponseHopLimit = httpPutResponseHopLimit == null ? 1 : httpPutResponseHopLimit;
        if (httpPutResponseHopLimit < 1 || httpPutResponseHopLimit > 64) {
            throw new IllegalArgumentException("httpPutResponseHopLimit: EC2 allows 1..64, got " + httpPutResponseHopLimit);
        }
        if (taskRoleArn != null && !taskRoleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+")) {
            throw new IllegalArgumentException("taskRoleArn: expected an IAM role ARN like arn:aws:iam::123456789012:role/my-task-role, got \"" + taskRoleArn + "\"");
        }
    }

    /** Just the image, everything else as the image says. */
    public static ContainerSpec of(String image) {
        return new ContainerSpec(image, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A token PUT from this container gets no answer: on a bridge, the response needs two hops. */
    public boolean tokenPutUnanswered() {
        return network.equals("bridge") && httpPutResponseHopLimit < 2;
    }

    /**
     * A host path mounted at {@code target} inside the container: read-only unless {@code readOnly: false} (the task
     * definition's mountPoints[].readOnly), e.g. a checkpoint directory that must outlive the container, as an EFS
     * volume does on AWS. A relative source is resolved against the workload's working directory (--workdir).
     */
    public record Mount(String source, String target, Boolean readOnly) {
        public Mount {
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("source: required, the host path to mount");
            }
            if (target == null || !target.startsWith("/")) {
                throw new IllegalArgumentException("target: expected an absolute path inside the container, got " + (target == null ? "nothing" : "\"" + target + "\""));
            }
            readOnly = readOnly == null || readOnly;
        }

        /** A read-only mount. */
        public Mount(String source, String target) {
            this(source, target, true);
        }
    }
}
