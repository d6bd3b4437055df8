package dev.spotsim.cli.client;

import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads "30s", "2m", "PT2M" from the command line; anything else is a usage error naming the form. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
