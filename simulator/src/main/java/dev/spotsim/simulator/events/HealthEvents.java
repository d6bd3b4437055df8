package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.time.Instant;
import java.util.List;

/**
 * AWS Health's scheduledChange event for a maintenance event; Health writes its times as RFC 1123 dates.
 * https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html
 */
public final class HealthEvents {
    private HealthEvents() {
    }

    /** The Health event type for an EC2 scheduled-event code (instance-reboot, system-reboot, system-maintenance, instance-retirement, instance-stop). */
    public static String eventTypeCode(String maintenanceCode) {
        return switch (maintenanceCode) {
            case "instance-retirement" -> "AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED";
            case "instance-stop" -> "AWS_EC2_INSTANCE_STOP_SCHEDULED";
            case "instance-reboot" -> "AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED";
            case "system-reboot" -> "AWS_EC2_SYSTEM_REBOOT_MAINTENANCE_SCHEDULED";
            case "system-maintenance" -> "AWS_EC2_SYSTEM_MAINTENANCE_SCHEDULED";
            default -> throw new IllegalArgumentException("code: expected one of " + String.join(", ", MaintenanceEvent.CODES)
                    + ", got \"" + maintenanceCode + "\"");
        };
    }

    /** The scheduledChange AWS Health sends when maintenance is scheduled for the instance. */
    public static Event scheduledChange(InstanceIdentity id, MaintenanceEvent m, Instant at) {
        String code = eventTypeCode(m.code());
        ObjectNode d = Event.newDetail();
        d.put("eventArn", "arn:aws:health:" + id.region() + "::event/EC2/" + code + "/" + code + "_" + m.eventId());
        d.put("service", "EC2");
        d.put("eventTypeCode", code);
        d.put("eventTypeCategory", "scheduledChange");
        d.put("startTime", EventTimes.rfc1123(m.notBefore()));
        d.put("endTime", EventTimes.rfc1123(m.notAfter()));
        d.putArray("eventDescription").addObject().put("language", "en_US").put("latestDescription", m.description());
        d.putArray("affectedEntities").addObject().put("entityValue", id.instanceId());
        return Event.of("AWS Health Event", "aws.health", id.accountId(), at, id.region(), List.of(id.instanceId()), d);
    }
}
