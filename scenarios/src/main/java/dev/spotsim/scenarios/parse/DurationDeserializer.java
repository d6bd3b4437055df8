package dev.spotsim.scenarios.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import dev.spotsim.scenarios.time.Durations;
import java.io.IOException;
import java.time.Duration;

/** Reads "30s"/"2m"/"PT2M" into a {@link Duration}; a bare number is an error (its unit would be a guess). */
final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p.currentToken(), p,
                    "expected " + Durations.expected() + ", got " + p.getText());
        }
        try {
            return Durations.parse(p.getText());
        } catch (IllegalArgumentException e) {
            return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
        }
    }
}
