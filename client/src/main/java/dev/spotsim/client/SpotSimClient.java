package dev.spotsim.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The typed client of spotsim's control API ({@code /spotsim/v1}): what {@code spotsim status}, {@code interrupt},
 * {@code schedule} and the other client commands use, and what a test uses against a shared simulator
 * ({@code spotsim serve} or {@code SpotSim} in-process). Refusals throw {@link ControlApiException} with the API's message.
 * <pre>{@code
 * SpotSimClient sim = SpotSimClient.connect("http://127.0.0.1:1337/spotsim/v1");
 * sim.reset();
 * Interruption plan = sim.interrupt(sim.instances().get(0).instanceId(), InterruptRequest.awsDefault().withNotice(Duration.ofSeconds(20)));
 * }</pre>
 */
public final class SpotSimClient {
    /** Where {@code spotsim serve} puts the control API unless told otherwise. */
    public static final String DEFAULT_URL = ControlTransport.DEFAULT_URL;
    private final ObjectMapper json = ControlJson.mapper();
    private final ControlTransport http;

    private SpotSimClient(String controlUrl, Duration timeout) {
        this.http = new ControlTransport(controlUrl, json, timeout);
    }

    /** A client of the API root {@code controlUrl}, e.g. {@code http://127.0.0.1:1337/spotsim/v1}; each call may take 30 s. */
    public static SpotSimClient connect(String controlUrl) {
        return new SpotSimClient(controlUrl, Duration.ofSeconds(30));
    }

    /** A client whose calls may each take {@code timeout}. */
    public static SpotSimClient connect(String controlUrl, Duration timeout) {
        return new SpotSimClient(controlUrl, timeout);
    }

    /** The API root this client talks to. */
    public String baseUrl() {
        return http.baseUrl();
    }

    // The simulator as a whole.

    public Health health() {
        return read(http.send("GET", "/health", null), Health.class);
    }

    /** The global reset: a shared simulator back to a clean state, so the next test starts clean; says what it cleared. */
    public ResetResult reset() {
        return read(http.send("POST", "/reset", null), ResetResult.class);
    }

    // Instances.

    public List<Instance> instances() {
        return list(http.send("GET", "/instances", null), "instances", Instance.class);
    }

    public Instance instance(String instanceId) {
        return read(http.send("GET", instancePath(instanceId), null), Instance.class);
    }

    /** A Spot interruption of one instance: rebalance recommendation (optional), notice, action. */
    public Interruption interrupt(String instanceId, InterruptRequest request) {
        return read(http.send("POST", instancePath(instanceId) + "/interrupt", request), Interruption.class);
    }

    /** Withdraws a planned interruption before its notice. */
    public Instance cancelInterruption(String instanceId) {
        return read(http.send("DELETE", instancePath(instanceId) + "/interruption", null), Instance.class);
    }

    public Rebalance rebalance(String instanceId, Duration delay) {
        return read(http.send("POST", instancePath(instanceId) + "/rebalance", Map.of("delay", WireDurations.format(delay))), Rebalance.class);
    }

    public Maintenance scheduleMaintenance(String instanceId, MaintenanceRequest request) {
        return read(http.send("POST", instancePath(instanceId) + "/maintenance", request), Maintenance.class);
    }

    public Maintenance cancelMaintenance(String instanceId, String eventId) {
        return read(http.send("DELETE", instancePath(instanceId) + "/maintenance/" + segment(eventId), null), Maintenance.class);
    }

    /** Like EC2 ModifyInstanceMetadataOptions; null fields stay as they are. */
    public Instance metadataOptions(String instanceId, MetadataOptions options) {
        return read(http.send("PUT", instancePath(instanceId) + "/metadata-options", options), Instance.class);
    }

    public Instance faults(String instanceId, Faults faults) {
        return read(http.send("PUT", instancePath(instanceId) + "/faults", faults), Instance.class);
    }

    public Instance clearFaults(String instanceId) {
        return read(http.send("DELETE", instancePath(instanceId) + "/faults", null), Instance.class);
    }

    /** Brings one instance back as a fresh, running one with the same identity. */
    public Instance resetInstance(String instanceId) {
        return read(http.send("POST", instancePath(instanceId) + "/reset", null), Instance.class);
    }

    /** Starts a stopped instance, as EC2 StartInstances does. */
    public Instance start(String instanceId) {
        return read(http.send("POST", instancePath(instanceId) + "/start", null), Instance.class);
    }

    // The fleet: groups, pools, interruptions by selection.

    public Fleet fleet() {
        return read(http.send("GET", "/fleet", null), Fleet.class);
    }

    public Fleet.Group setDesiredCapacity(String group, int desired) {
        return read(http.send("PUT", "/groups/" + segment(group) + "/desired-capacity", Map.of("desired", desired)), Fleet.Group.class);
    }

    /** Takes a pool's ({@code c5.large/us-east-1a}) Spot capacity away, interrupting its instances together. */
    public PoolReclaim reclaimPool(String pool, ReclaimRequest request) {
        return read(http.send("POST", poolPath(pool) + "/reclaim", request), PoolReclaim.class);
    }

    public Fleet.Pool restorePool(String pool) {
        return read(http.send("POST", poolPath(pool) + "/restore", null), Fleet.Pool.class);
    }

    /** Interrupts what the selection picks, now or later. */
    public InterruptionsResult interruptions(InterruptionsRequest request) {
        JsonNode answer = http.send("POST", "/interruptions", request);
        return answer.has("id") ? new InterruptionsResult.Later(read(answer, ScheduledInterruption.class))
                : read(answer, InterruptionsResult.Now.class);
    }

    public List<ScheduledInterruption> scheduledInterruptions() {
        return list(http.send("GET", "/interruptions/scheduled", null), "scheduled", ScheduledInterruption.class);
    }

    public ScheduledInterruption cancelScheduledInterruption(String id) {
        return read(http.send("DELETE", "/interruptions/scheduled/" + segment(id), null), ScheduledInterruption.class);
    }

    // Events.

    /** The recent events, oldest first, that {@code pattern} (an EventBridge pattern as JSON; null: all) matches. */
    public List<Event> events(String pattern) {
        return list(http.send("GET", "/events" + query(pattern), null), "events", Event.class);
    }

    /**
     * Streams new events {@code pattern} matches (null: all) to {@code each}, blocking until the simulator closes the
     * stream or the thread is interrupted; run it on a thread of its own.
     */
    public void followEvents(String pattern, Consumer<Event> each) {
        try (InputStream body = http.stream("/events/stream" + query(pattern));
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null && !Thread.currentThread().isInterrupted(); ) {
                if (line.startsWith("data: ")) {
                    each.accept(json.readValue(line.substring("data: ".length()), Event.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the event stream from " + baseUrl() + " broke: " + e.getMessage(), e);
        }
    }

    public List<SinkStatus> sinks() {
        return list(http.send("GET", "/sinks", null), "sinks", SinkStatus.class);
    }

    // The simulator's AWS APIs: recorded calls and throttling faults.

    /** The AWS calls received, of one service ({@code ec2}, {@code fis}, ...; null: all). */
    public List<AwsCall> awsCalls(String service) {
        String q = service == null ? "" : "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8);
        return list(http.send("GET", "/aws/calls" + q, null), "calls", AwsCall.class);
    }

    public void clearAwsCalls() {
        http.send("DELETE", "/aws/calls", null);
    }

    public List<AwsThrottle> awsFaults() {
        return list(http.send("GET", "/aws/faults", null), "throttles", AwsThrottle.class);
    }

    /** The next {@code calls} calls of {@code service} (only of {@code operations} when any are named) are throttled. */
    public List<AwsThrottle> throttleAws(String service, int calls, List<String> operations) {
        return list(http.send("PUT", "/aws/faults", Map.of("service", service, "throttle", calls, "operations", operations)),
                "throttles", AwsThrottle.class);
    }

    public void clearAwsFaults() {
        http.send("DELETE", "/aws/faults", null);
    }

    /** The answer as the API sent it, for {@code --json} output: the same call's JSON, pretty-printed. */
    public String pretty(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a value the client read could not be written back as JSON", e);
        }
    }

    /** A value the client read, as one line of JSON with the API's member names. */
    public String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a value the client read could not be written back as JSON", e);
        }
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (IOException e) {
            throw new ControlApiException(200, null, "the simulator's answer does not fit " + type.getSimpleName() + ": " + e.getMessage()
                    + " (is the simulator older or newer than this client?)");
        }
    }

    private <T> List<T> list(JsonNode node, String field, Class<T> type) {
        List<T> out = new ArrayList<>();
        node.path(field).forEach(n -> out.add(read(n, type)));
        return List.copyOf(out);
    }

    private static String instancePath(String instanceId) {
        return "/instances/" + segment(instanceId);
    }

    private static String poolPath(String pool) {
        String[] parts = pool == null ? new String[0] : pool.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("pool: expected instance-type/availability-zone like c5.large/us-east-1a, got \"" + pool + "\"");
        }
        return "/pools/" + segment(parts[0]) + "/" + segment(parts[1]);
    }

    private static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an id is required");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String pattern) {
        return pattern == null ? "" : "?pattern=" + URLEncoder.encode(pattern, StandardCharsets.UTF_8);
    }

}
