package dev.spotsim.cli.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads an ISO-8601 UTC time like 2026-01-07T01:00:00Z; anything else is a usage error naming the form. */
public final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("expected an ISO-8601 UTC time like 2026-01-07T01:00:00Z, got \"" + value + "\"");
        }
    }
}
