package dev.spotsim.gameday.aws;

/** The AWS services a game day calls, each with its own endpoint override. */
public enum AwsService {
    EC2, SSM, FIS;

    /** The lower-case name used in flags and messages: ec2, ssm, fis. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
