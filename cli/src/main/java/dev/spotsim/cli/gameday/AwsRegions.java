package dev.spotsim.cli.gameday;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;

/**
 * The region as the AWS CLI finds it, without asking any instance metadata service: {@code --region},
 * then {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}, then the profile's {@code region} in the shared config file.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html
 */
final class AwsRegions {
    private AwsRegions() {
    }

    /** The profile to use: {@code --profile}, else {@code AWS_PROFILE}, else null (the default profile). */
    static String profile(String flag, Map<String, String> env) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get("AWS_PROFILE");
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }

    static Optional<Region> resolve(String flag, String profile, Map<String, String> env) {
        for (String candidate : new String[] {flag, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(Region.of(candidate.trim()));
            }
        }
        try {
            return ProfileFile.defaultProfileFile().profile(profile == null ? "default" : profile)
                    .flatMap(p -> p.property(ProfileProperty.REGION)).map(Region::of);
        } catch (RuntimeException e) {
            // An unreadable config file is the same as none: the caller asks for --region.
            return Optional.empty();
        }
    }
}
