package dev.spotsim.simulator.control;

import java.time.Duration;
import java.time.Instant;

/** The JSON bodies the control API accepts; every field is optional and unknown fields are errors. */
final class ControlBodies {
    private ControlBodies() {
    }

    /** POST /instances/{id}/interrupt */
    record Interrupt(String action, Duration notice, Duration delay, Duration rebalanceLead) {
    }

    /** POST /instances/{id}/rebalance */
    record Rebalance(Duration delay) {
    }

    /** POST /instances/{id}/maintenance */
    record Maintenance(String code, String description, Instant notBefore, Duration window) {
    }

    /** PUT /instances/{id}/metadata-options, with EC2's ModifyInstanceMetadataOptions names. */
    record MetadataOptions(String httpTokens, String httpEndpoint, String instanceMetadataTags) {
    }

    /** PUT /instances/{id}/faults */
    record Faults(Duration delay, Integer errorStatus, Double errorRate, Double timeoutRate) {
    }
}
