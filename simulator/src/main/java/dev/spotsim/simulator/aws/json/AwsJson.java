package dev.spotsim.simulator.aws.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes the JSON of one AWS JSON service (JSON 1.0/1.1 or REST-JSON): request bodies into
 * Java records or trees, answers from records or trees, with the service's member case. Timestamps
 * are epoch seconds with milliseconds ({@code 1764409200.123}), the JSON protocols' default.
 * Unknown input members are ignored (SDKs newer than the model may send them); null members are
 * left out of answers, as AWS leaves out absent members.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 */
public final class AwsJson {
    private final ObjectMapper mapper;

    public AwsJson(MemberCase memberCase) {
        SimpleModule time = new SimpleModule("aws-epoch-seconds")
                .addSerializer(Instant.class, new EpochSecondsSerializer())
                .addDeserializer(Instant.class, new EpochSecondsDeserializer());
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(memberCase.strategy())
                .addModule(time)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** The request body as a JSON object; an empty body is an empty object, anything but an object is a 400. */
    public ObjectNode tree(AwsRequest request) {
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw AwsException.badRequest("SerializationException", "the request body is not valid JSON: " + firstLine(e));
        }
        if (node == null || node.isMissingNode()) {
            return mapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw AwsException.badRequest("SerializationException", "the request body must be a JSON object, got " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    /** The request body bound to {@code type} (a record whose components are the members). */
    public <T> T read(AwsRequest request, Class<T> type) {
        return read(tree(request), type);
    }

    /** A tree bound to {@code type}; a member of the wrong JSON type is a {@code ValidationException} naming it. */
    public <T> T read(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            throw Checks.validation("1 validation error detected: Value at '" + path(e) + "' failed to satisfy constraint: Member must be "
                    + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() instanceof AwsException ae ? ae : null;
            if (cause != null) {
                throw (AwsException) cause;
            }
            throw Checks.validation("1 validation error detected: Value at '" + path(e) + "' failed to satisfy constraint: "
                    + firstLine(e));
        } catch (JsonProcessingException e) {
            throw AwsException.badRequest("SerializationException", firstLine(e));
        }
    }

    /** An empty object to fill by hand. */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** A value (record, map, list) as a tree with this service's member names. */
    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    /** A value as JSON text with this service's member names. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A 200 answer. */
    public AwsResponse answer(AwsProtocol protocol, Object body) {
        return answer(200, protocol, body);
    }

    public AwsResponse answer(int status, AwsProtocol protocol, Object body) {
        return AwsResponse.json(status, protocol, body instanceof String s ? s : write(body));
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                String f = r.getFieldName();
                b.append(b.length() == 0 ? "" : ".").append(f.isEmpty() ? f : Character.toLowerCase(f.charAt(0)) + f.substring(1));
            } else if (r.getIndex() >= 0) {
                b.append('.').append(r.getIndex() + 1).append(".member");
            }
        }
        return b.length() == 0 ? "body" : b.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Instant.class) {
            return "a timestamp (epoch seconds)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Epoch seconds with milliseconds, as a JSON number. */
    private static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
        }
    }

    /** Epoch seconds (a number) or an ISO-8601 string, as SDKs may send either. */
    private static final class EpochSecondsDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal seconds = p.getDecimalValue();
                return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
            }
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return Instant.parse(p.getText());
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "expected epoch seconds or an ISO-8601 time");
                }
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }
}
