package dev.spotsim.gatling;

import java.time.Instant;

/**
 * The request figures of one wall-clock second.
 *
 * @param second seconds since the origin's whole second (0 is the second the origin falls in)
 * @param start the start of this second
 * @param figures requests that finished within [start, start + 1 s)
 */
public record SecondFigures(long second, Instant start, Figures figures) {
}
