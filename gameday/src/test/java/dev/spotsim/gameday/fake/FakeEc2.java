package dev.spotsim.gameday.fake;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A fake EC2 answering DescribeInstances (query protocol, XML) from a fleet whose instance states
 * follow the test's clock. Filters (tag:*, instance-lifecycle, instance-state-name, instance-id) are
 * applied as EC2 does; an unknown filter is an error, so a typo in ours cannot pass. Pages of
 * {@link #pageSize} with NextToken. Interrupting an instance takes it through shutting-down to
 * terminated and, when replacements are on, launches a new one in the same pool.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 */
public final class FakeEc2 {
    public static final String OWNER = "123456789012";
    private static final Map<String, Integer> CODES = Map.of("pending", 0, "running", 16, "shutting-down", 32, "terminated", 48,
            "stopping", 64, "stopped", 80);

    private final Supplier<Instant> clock;
    private final List<FakeInstance> instances = new ArrayList<>();
    private int nextId = 0xa01;
    public volatile int pageSize = 1000;
    public volatile Duration replaceAfter = Duration.ofSeconds(60);
    public volatile boolean replaces = true;

    FakeEc2(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** An instance of the fleet. */
    public static final class FakeInstance {
        final String id;
        final String type;
        final String az;
        final boolean spot;
        final Map<String, String> tags;
        final Instant launch;
        final NavigableMap<Instant, String> states = new TreeMap<>();

        FakeInstance(String id, String type, String az, boolean spot, Map<String, String> tags, Instant launch) {
            this.id = id;
            this.type = type;
            this.az = az;
            this.spot = spot;
            this.tags = Map.copyOf(tags);
            this.launch = launch;
        }

        String state(Instant now) {
            Map.Entry<Instant, String> e = states.floorEntry(now);
            return e == null ? null : e.getValue();
        }

        public String id() {
            return id;
        }
    }

    /** Adds a running instance, launched now, with an id in launch order. */
    public synchronized FakeInstance add(String type, String az, boolean spot, Map<String, String> tags) {
        return launch(type, az, spot, tags, clock.get(), Duration.ZERO);
    }

    private FakeInstance launch(String type, String az, boolean spot, Map<String, String> tags, Instant at, Duration pending) {
        FakeInstance i = new FakeInstance(String.format("i-0%016x", nextId++), type, az, spot, tags, at);
        if (!pending.isZero()) {
            i.states.put(at, "pending");
        }
        i.states.put(at.plus(pending), "running");
        instances.add(i);
        return i;
    }

    /** What EC2 does on a Spot interruption (terminate): shutting-down at once, terminated 30 s later, a replacement after {@link #replaceAfter}. */
    public synchronized void interrupt(String id, Instant at) {
        FakeInstance i = instances.stream().filter(x -> x.id.equals(id)).findFirst().orElseThrow();
        if (!"running".equals(i.state(at))) {
            return;
        }
        i.states.put(at, "shutting-down");
        i.states.put(at.plus(Duration.ofSeconds(30)), "terminated");
        if (replaces) {
            launch(i.type, i.az, i.spot, i.tags, at.plus(replaceAfter), Duration.ofSeconds(30));
        }
    }

    public synchronized String stateOf(String id, Instant at) {
        return instances.stream().filter(x -> x.id.equals(id)).findFirst().map(x -> x.state(at)).orElse(null);
    }

    synchronized ResponseDefinition handle(Request request) {
        Map<String, String> form = Wire.form(request.getBodyAsString());
        if (!"DescribeInstances".equals(form.get("Action")) || !"2016-11-15".equals(form.get("Version"))) {
            return Wire.xml(400, Wire.ec2Error("InvalidAction", "The action " + form.get("Action") + " is not valid for this web service."));
        }
        Instant now = clock.get();
        List<FakeInstance> matching = new ArrayList<>();
        for (FakeInstance i : instances) {
            String state = i.state(now);
            if (state == null) {
                continue;
            }
            String problem = null;
            boolean all = true;
            for (int f = 1; form.containsKey("Filter." + f + ".Name"); f++) {
                String name = form.get("Filter." + f + ".Name");
                List<String> values = Wire.list(form, "Filter." + f + ".Value");
                String actual;
                if (name.startsWith("tag:")) {
                    actual = i.tags.get(name.substring(4));
                } else {
                    switch (name) {
                        case "instance-lifecycle" -> actual = i.spot ? "spot" : null;
                        case "instance-state-name" -> actual = state;
                        case "instance-id" -> actual = i.id;
                        default -> {
                            problem = name;
                            actual = null;
                        }
                    }
                }
                if (problem != null) {
                    return Wire.xml(400, Wire.ec2Error("InvalidParameterValue", "The filter '" + problem + "' is invalid"));
                }
                all &= actual != null && values.contains(actual);
            }
            if (all) {
                matching.add(i);
            }
        }
        int from = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken")) : 0;
        int to = Math.min(matching.size(), from + pageSize);
        return Wire.xml(200, body(matching.subList(from, to), now, to < matching.size() ? Integer.toString(to) : null));
    }

    /** One reservation per instance, as Auto Scaling launches them. */
    private static String body(List<FakeInstance> page, Instant now, String nextToken) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n"
                + "  <requestId>8f7724cf-496f-496e-8fe3-example</requestId>\n  <reservationSet>\n");
        for (FakeInstance i : page) {
            String state = i.state(now);
            xml.append("    <item>\n      <reservationId>r-0").append(i.id.substring(3)).append("</reservationId>\n")
                    .append("      <ownerId>").append(OWNER).append("</ownerId>\n      <groupSet/>\n      <instancesSet>\n        <item>\n")
                    .append("          <instanceId>").append(i.id).append("</instanceId>\n")
                    .append("          <imageId>ami-0abcdef1234567890</imageId>\n")
                    .append("          <instanceState><code>").append(CODES.get(state)).append("</code><name>").append(state).append("</name></instanceState>\n")
                    .append("          <instanceType>").append(i.type).append("</instanceType>\n")
                    .append("          <launchTime>").append(i.launch).append("</launchTime>\n")
                    .append("          <placement><availabilityZone>").append(i.az).append("</availabilityZone><tenancy>default</tenancy></placement>\n");
            if (i.spot) {
                xml.append("          <instanceLifecycle>spot</instanceLifecycle>\n          <spotInstanceRequestId>sir-").append(i.id.substring(10))
                        .append("</spotInstanceRequestId>\n");
            }
            xml.append("          <tagSet>\n");
            new TreeMap<>(i.tags).forEach((k, v) -> xml.append("            <item><key>").append(k).append("</key><value>").append(v).append("</value></item>\n"));
            xml.append("          </tagSet>\n        </item>\n      </instancesSet>\n    </item>\n");
        }
        xml.append("  </reservationSet>\n");
        if (nextToken != null) {
            xml.append("  <nextToken>").append(nextToken).append("</nextToken>\n");
        }
        return xml.append("</DescribeInstancesResponse>\n").toString();
    }

    static Map<String, String> tags(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
