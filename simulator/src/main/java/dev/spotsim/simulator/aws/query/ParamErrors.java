package dev.spotsim.simulator.aws.query;

import dev.spotsim.simulator.aws.AwsException;

/**
 * The error codes a query API answers for a missing or malformed parameter: EC2 and SQS say
 * {@code MissingParameter}/{@code InvalidParameterValue}, Auto Scaling and ELBv2 say {@code ValidationError}.
 */
public record ParamErrors(String missingCode, String invalidCode) {
    /** EC2 (and SQS's query API). https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html */
    public static final ParamErrors EC2 = new ParamErrors("MissingParameter", "InvalidParameterValue");
    /** Auto Scaling, ELBv2, STS-style {@code ValidationError} for both. */
    public static final ParamErrors VALIDATION = new ParamErrors("ValidationError", "ValidationError");

    public AwsException missing(String name) {
        return AwsException.badRequest(missingCode, "The request must contain the parameter " + name);
    }

    public AwsException invalid(String message) {
        return AwsException.badRequest(invalidCode, message);
    }
}
