package dev.spotsim.simulator.control;

import dev.spotsim.simulator.instance.Faults;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.Interruption;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import dev.spotsim.simulator.instance.MetadataOptions;
import dev.spotsim.scenarios.time.Durations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the control API shows the simulator's values: plain maps, ISO-8601 UTC times, durations like "2m". */
final class ControlJson {
    private ControlJson() {
    }

    static Map<String, Object> instance(InstanceView v, String imdsEndpoint) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", v.instanceId());
        m.put("state", v.state().wireName());
        m.put("instanceType", v.identity().instanceType());
        m.put("availabilityZone", v.identity().availabilityZone());
        m.put("region", v.identity().region());
        m.put("lifecycle", v.identity().lifecycle());
        m.put("imdsEndpoint", imdsEndpoint);
        m.put("launchTime", time(v.launchTime()));
        m.put("stateChangedAt", time(v.stateChangedAt()));
        m.put("interruption", v.interruption() == null ? null : interruption(v.interruption()));
        m.put("rebalanceRecommendedAt", time(v.rebalanceTime()));
        m.put("targetLifecycleState", v.targetLifecycleState());
        m.put("maintenance", v.maintenance().stream().map(ControlJson::maintenance).toList());
        m.put("metadataOptions", options(v.options()));
        m.put("faults", faults(v.faults()));
        return m;
    }

    static Map<String, Object> interruption(Interruption i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", i.instanceId());
        m.put("action", i.action().wireName());
        m.put("rebalanceTime", time(i.rebalanceTime()));
        m.put("noticeTime", time(i.noticeTime()));
        m.put("actionTime", time(i.actionTime()));
        return m;
    }

    static Map<String, Object> maintenance(MaintenanceEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", e.eventId());
        m.put("code", e.code());
        m.put("description", e.description());
        m.put("notBefore", time(e.notBefore()));
        m.put("notAfter", time(e.notAfter()));
        m.put("notBeforeDeadline", time(e.notBeforeDeadline()));
        m.put("state", e.state().wireName());
        return m;
    }

    static Map<String, Object> options(MetadataOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("httpTokens", o.httpTokens());
        m.put("httpEndpoint", o.httpEndpoint());
        m.put("instanceMetadataTags", o.instanceMetadataTags() ? "enabled" : "disabled");
        return m;
    }

    static Map<String, Object> faults(Faults f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delay", Durations.format(f.delay()));
        m.put("errorStatus", f.errorStatus());
        m.put("errorRate", f.errorRate());
        m.put("timeoutRate", f.timeoutRate());
        return m;
    }

    static String time(Instant t) {
        // Millisecond precision is plenty for people and scripts; IMDS itself shows whole seconds.
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }
}
