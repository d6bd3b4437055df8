package dev.spotsim.gameday.aws;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where each client goes, decided as the SDKs decide it, with the command line first: a service's own
 * flag ({@code --endpoint-url-ssm}), then {@code --endpoint-url} for every service, then
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}; {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}
 * turns the two variables off. A service with none of them goes to AWS.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
public final class Endpoints {
    public static final String ALL_ENV = "AWS_ENDPOINT_URL";
    public static final String IGNORE_ENV = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    private Endpoints() {
    }

    /** The override of every service that has one. */
    public static Map<AwsService, URI> resolve(Map<AwsService, URI> perServiceFlags, URI allFlag, Map<String, String> env) {
        boolean envIgnored = "true".equalsIgnoreCase(env.getOrDefault(IGNORE_ENV, "").trim());
        Map<AwsService, URI> out = new EnumMap<>(AwsService.class);
        for (AwsService service : AwsService.values()) {
            URI chosen = perServiceFlags.get(service);
            if (chosen == null) {
                chosen = allFlag;
            }
            if (chosen == null && !envIgnored) {
                chosen = fromEnv(env, service.envName());
                chosen = chosen != null ? chosen : fromEnv(env, ALL_ENV);
            }
            if (chosen != null) {
                out.put(service, chosen);
            }
        }
        return out;
    }

    private static URI fromEnv(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        URI uri = URI.create(value.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(name + ": expected a URL like http://127.0.0.1:1337, got \"" + value + "\"");
        }
        return uri;
    }
}
