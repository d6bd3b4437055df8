package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * AWS Health's scheduledChange event for a maintenance event; Health writes its times as RFC 1123 dates.
 * https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html
 */
public final class HealthEvents {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private HealthEvents() {
    }

    public static String eventTypeCode(String maintenanceCode) {
        return switch (maintenanceCode) {
            case "instance-retirement" -> "AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED";
            case "instance-stop" -> "AWS_EC2_INSTANCE_STOP_SCHEDULED";
            case "instance-reboot" -> "AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED";
            case "system-reboot" -> "AWS_EC2_SYSTEM_REBOOT_MAINTENANCE_SCHEDULED";
            default -> "AWS_EC2_SYSTEM_MAINTENANCE_SCHEDULED";
        };
    }

    public static Event scheduledChange(InstanceIdentity id, MaintenanceEvent m, Instant at) {
        String code = eventTypeCode(m.code());
        ObjectNode d = Event.newDetail();
        d.put("eventArn", "arn:aws:health:" + id.region() + "::event/EC2/" + code + "/" + code + "_" + m.eventId());
        d.put("service", "EC2");
        d.put("eventTypeCode", code);
        d.put("eventTypeCategory", "scheduledChange");
        d.put("startTime", RFC_1123.format(m.notBefore()));
        d.put("endTime", RFC_1123.format(m.notAfter()));
        d.putArray("eventDescription").addObject().put("language", "en_US").put("latestDescription", m.description());
        d.putArray("affectedEntities").addObject().put("entityValue", id.instanceId());
        return Event.of("AWS Health Event", "aws.health", id.accountId(), at, id.region(), List.of(id.instanceId()), d);
    }
}
