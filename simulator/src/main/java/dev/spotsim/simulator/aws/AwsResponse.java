package dev.spotsim.simulator.aws;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a service answers; the front door adds the request id header. */
public record AwsResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static AwsResponse xml(String xml) {
        return new AwsResponse(200, "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static AwsResponse json(AwsProtocol protocol, String json) {
        return json(200, protocol, json);
    }

    public static AwsResponse json(int status, AwsProtocol protocol, String json) {
        return new AwsResponse(status, protocol.jsonContentType(), json.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
