package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.joda.JodaModule;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real consumer reads our events: the AWS Lambda Java events library's {@link ScheduledEvent} (the
 * type a Java Lambda function declares for EventBridge), bound with Jackson as the Lambda runtime does.
 */
class LambdaConsumerTest {
    /** ScheduledEvent is a plain bean; "detail-type" maps onto detailType as the Lambda runtime's serializer does. */
    abstract static class ScheduledEventNames {
        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }

    private static final ObjectMapper CONSUMER = new ObjectMapper()
            .registerModule(new JodaModule()) // ScheduledEvent.time is a Joda DateTime
            .addMixIn(ScheduledEvent.class, ScheduledEventNames.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.spotsim.simulator.events.GoldenEventsTest#events")
    void parsesEveryEventWeSend(GoldenEventsTest.Golden golden) throws Exception {
        Event ours = golden.ours();
        ScheduledEvent parsed = CONSUMER.readValue(ours.toJsonLine(), ScheduledEvent.class);
        assertThat(parsed.getId()).isEqualTo(ours.id());
        assertThat(parsed.getVersion()).isEqualTo("0");
        assertThat(parsed.getDetailType()).isEqualTo(ours.detailType());
        assertThat(parsed.getSource()).isEqualTo(ours.source());
        assertThat(parsed.getAccount()).isEqualTo(ours.account());
        assertThat(parsed.getRegion()).isEqualTo(ours.region());
        assertThat(parsed.getResources()).isEqualTo(ours.resources());
        assertThat(parsed.getTime().getMillis()).isEqualTo(ours.time().toEpochMilli());
        Map<String, Object> detail = CONSUMER.convertValue(ours.detail(), new TypeReference<>() { });
        assertThat(parsed.getDetail()).isNotEmpty().isEqualTo(detail);
    }
}
