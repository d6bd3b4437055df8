package dev.spotsim.simulator.aws;

/**
 * The wire protocols of the AWS APIs spotsim serves (botocore's {@code metadata.protocol}).
 * https://smithy.io/2.0/aws/protocols/index.html
 */
public enum AwsProtocol {
    /** EC2's query protocol: form body, XML answers, errors as {@code <Response><Errors>}. */
    EC2,
    /** The query protocol of Auto Scaling, ELBv2, STS, SQS (older SDKs): errors as {@code <ErrorResponse>}. */
    QUERY,
    /** {@code application/x-amz-json-1.0} with {@code X-Amz-Target} (SQS). */
    JSON_1_0,
    /** {@code application/x-amz-json-1.1} with {@code X-Amz-Target} (SSM, EventBridge, ECS). */
    JSON_1_1,
    /** REST paths and JSON bodies (FIS). */
    REST_JSON;

    public boolean isJson() {
        return this == JSON_1_0 || this == JSON_1_1;
    }

    public boolean isQuery() {
        return this == EC2 || this == QUERY;
    }

    public String jsonContentType() {
        return this == JSON_1_0 ? "application/x-amz-json-1.0" : this == JSON_1_1 ? "application/x-amz-json-1.1" : "application/json";
    }
}
