package dev.spotsim.simulator.control;

import static dev.spotsim.simulator.control.ControlHttp.body;
import static dev.spotsim.simulator.control.ControlHttp.ok;

import dev.spotsim.scenarios.select.Selection;
import dev.spotsim.simulator.fleet.AutoScalingGroup;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.ScheduledInterruption;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.instance.Interruption;
import dev.spotsim.simulator.instance.InterruptionAction;
import dev.spotsim.scenarios.time.Durations;
import dev.spotsim.simulator.route.RouteTable;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fleet-wide routes: groups and capacity, pools and their reclaim, selected and scheduled interruptions. */
final class FleetRoutes {
    private final Fleet fleet;

    FleetRoutes(Fleet fleet) {
        this.fleet = fleet;
    }

    /** POST /interruptions: pick targets now, or at {@code at} / after {@code delay}. */
    record InterruptionsBody(Selection select, Instant at, Duration delay, String action, Duration notice,
                             Duration rebalanceLead, Long seed) {
    }

    /** POST /pools/{type}/{az}/reclaim */
    record ReclaimBody(String action, Duration notice, Duration rebalanceLead, Duration restoreAfter) {
    }

    /** PUT /groups/{name}/desired-capacity */
    record DesiredBody(Integer desired) {
    }

    void addTo(RouteTable t) {
        String base = ControlApi.BASE;
        t.get(base + "/fleet", ctx -> ok(ctx, 200, Map.of(
                "groups", fleet.groups().stream().map(FleetRoutes::group).toList(),
                "pools", fleet.pools().all().stream().map(this::pool).toList())));
        t.put(base + "/groups/:name/desired-capacity", ctx -> {
            DesiredBody b = body(ctx, DesiredBody.class);
            if (b.desired() == null) {
                throw new IllegalArgumentException("desired: required (a whole number 0..100000)");
            }
            AutoScalingGroup g = fleet.group(ctx.pathParam("name"));
            g.setDesired(b.desired());
            ok(ctx, 200, group(g));
        });
        t.post(base + "/pools/:type/:az/reclaim", this::reclaim);
        t.post(base + "/pools/:type/:az/restore", ctx -> {
            String key = poolKey(ctx);
            fleet.restorePool(key);
            ok(ctx, 200, pool(fleet.pools().get(key)));
        });
        t.post(base + "/interruptions", this::interruptions);
        t.get(base + "/interruptions/scheduled", ctx -> ok(ctx, 200, Map.of("scheduled",
                fleet.scheduledInterruptions().stream().map(FleetRoutes::scheduled).toList())));
        t.delete(base + "/interruptions/scheduled/:id", ctx ->
                ok(ctx, 200, scheduled(fleet.cancelScheduledInterruption(ctx.pathParam("id")))));
    }

    private void reclaim(RoutingContext ctx) {
        ReclaimBody b = body(ctx, ReclaimBody.class);
        String key = poolKey(ctx);
        List<Interruption> hit = fleet.reclaimPool(key, request(b.action(), b.notice(), b.rebalanceLead()), b.restoreAfter());
        Map<String, Object> answer = new LinkedHashMap<>(pool(fleet.pools().get(key)));
        answer.put("interrupted", hit.size());
        answer.put("restoreAfter", b.restoreAfter() == null ? null : Durations.format(b.restoreAfter()));
        ok(ctx, 202, answer);
    }

    private void interruptions(RoutingContext ctx) {
        InterruptionsBody b = body(ctx, InterruptionsBody.class);
        if (b.select() == null) {
            throw new IllegalArgumentException("select: required, e.g. {\"count\": 2} or {\"all\": true, \"from\": {\"pool\": \"c5.large/us-east-1a\"}}");
        }
        if (b.at() != null && b.delay() != null) {
            throw new IllegalArgumentException("at, delay: give one of them, not both");
        }
        InterruptRequest request = request(b.action(), b.notice(), b.rebalanceLead());
        long seed = b.seed() == null ? 0 : b.seed();
        Instant now = fleet.clock().now();
        Instant at = b.at() != null ? b.at() : b.delay() != null ? now.plus(b.delay()) : now;
        if (at.isAfter(now)) {
            ok(ctx, 202, scheduled(fleet.scheduleInterruption(at, b.select(), request, seed)));
            return;
        }
        List<Interruption> done = fleet.interruptSelected(b.select(), request, seed);
        ok(ctx, 202, Map.of("interrupted", done.size(), "interruptions", done.stream().map(ControlJson::interruption).toList()));
    }

    private static InterruptRequest request(String action, Duration notice, Duration rebalanceLead) {
        return new InterruptRequest(action == null ? null : InterruptionAction.parse(action), notice, null, rebalanceLead);
    }

    private static String poolKey(RoutingContext ctx) {
        return SpotPool.key(ctx.pathParam("type"), ctx.pathParam("az"));
    }

    private static Map<String, Object> group(AutoScalingGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("desired", g.desired());
        m.put("strategy", g.spec().strategy().wireName());
        m.put("capacityRebalance", g.spec().capacityRebalance());
        m.put("launchDelay", Durations.format(g.spec().launchDelay()));
        m.put("members", g.members());
        m.put("waitingForCapacity", g.waitingForCapacity());
        m.put("pools", g.spec().pools().stream().map(SpotPool::key).toList());
        return m;
    }

    private Map<String, Object> pool(SpotPool p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", p.key());
        m.put("instanceType", p.instanceType());
        m.put("availabilityZone", p.availabilityZone());
        m.put("price", p.price());
        m.put("capacity", p.capacity() == SpotPool.UNLIMITED ? null : p.capacity());
        m.put("used", fleet.pools().used(p.key()));
        m.put("reclaimed", fleet.pools().isReclaimed(p.key()));
        return m;
    }

    private static Map<String, Object> scheduled(ScheduledInterruption s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("at", s.at().toString());
        m.put("select", s.selection());
        m.put("action", s.request().action().wireName());
        m.put("notice", Durations.format(s.request().notice()));
        m.put("rebalanceLead", Durations.format(s.request().rebalanceLead()));
        m.put("seed", s.seed());
        return m;
    }
}
