package dev.spotsim.gameday.aws;

/** The AWS services a game day calls, each with its own endpoint override. */
public enum AwsService {
    EC2, SSM, FIS
}
