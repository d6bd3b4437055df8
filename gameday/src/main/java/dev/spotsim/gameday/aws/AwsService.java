package dev.spotsim.gameday.aws;

/**
 * The AWS services a game day calls, each with its own endpoint override. {@code envName} is the
 * SDKs' service-specific variable ({@code AWS_ENDPOINT_URL_<SERVICE>}, from the service id).
 * https://docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html
 */
public enum AwsService {
    EC2("EC2"), SSM("SSM"), FIS("FIS"), ECS("ECS"), ELBV2("ELASTIC_LOAD_BALANCING_V2"), AUTOSCALING("AUTO_SCALING"),
    SQS("SQS"), EVENTBRIDGE("EVENTBRIDGE"), STS("STS");

    private final String envSuffix;

    AwsService(String envSuffix) {
        this.envSuffix = envSuffix;
    }

    /** The environment variable that points this service alone elsewhere, e.g. AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2. */
    public String envName() {
        return "AWS_ENDPOINT_URL_" + envSuffix;
    }
}
