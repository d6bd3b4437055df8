package dev.spotsim.simulator.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The JSON object a JSON-protocol request carries; anything else is the caller's 400 SerializationException. */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    /** The body as an object (an empty body is {}); {@code errorType} is the service's name for the error. */
    public static ObjectNode object(AwsRequest request, String errorType) {
        JsonNode n;
        try {
            n = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new AwsException(400, errorType, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AwsException(400, errorType, "The request body could not be read.");
        }
        if (n == null || !n.isObject()) {
            throw new AwsException(400, errorType, "The request body must be a JSON object.");
        }
        return (ObjectNode) n;
    }
}
