package dev.spotsim.scenarios.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads YAML or JSON into Java records, strictly: unknown fields, wrong types and bad durations
 * become an {@link InputException} that names the file, line, column and field path.
 */
public final class StructuredReader {
    private final ObjectMapper yaml;
    private final ObjectMapper json;

    public StructuredReader() {
        this.yaml = configure(YAMLMapper.builder(new YAMLFactory()).build());
        // Duplicate keys are found by DocumentCheck, which names both positions.
        this.json = configure(JsonMapper.builder().build());
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule durations = new SimpleModule("spotsim-durations");
        durations.addDeserializer(Duration.class, new DurationDeserializer());
        durations.addDeserializer(dev.spotsim.scenarios.model.Argv.class, new ArgvDeserializer());
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(durations)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // desired: 2.5 is not 2: a count must be written as one.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /** Reads {@code file} (YAML unless it ends in {@code .json}) as {@code type}. */
    public <T> T read(Path file, Class<T> type) {
        String text = BoundedText.read(file);
        boolean isJson = file.getFileName().toString().toLowerCase().endsWith(".json");
        return read(text, file.toString(), isJson, type);
    }

    /** Reads {@code text} named {@code source} in error messages. */
    public <T> T read(String text, String source, boolean isJson, Class<T> type) {
        ObjectMapper mapper = isJson ? json : yaml;
        if (text.isBlank()) {
            throw new InputException(source + ": the file is empty; expected a " + (isJson ? "JSON object" : "YAML mapping"));
        }
        try {
            try (JsonParser parser = mapper.createParser(text)) {
                String problem = DocumentCheck.firstProblem(parser, source);
                if (problem != null) {
                    throw new InputException(problem);
                }
            } catch (JsonProcessingException e) {
                throw new InputException(describe(source, e), e);
            } catch (java.io.IOException e) {
                throw new InputException(source + ": cannot read: " + e.getMessage(), e);
            }
            try (JsonParser parser = mapper.createParser(text)) {
                String unknown = UnknownFieldCheck.firstUnknownField(parser, type, source);
                if (unknown != null) {
                    throw new InputException(unknown);
                }
            } catch (JsonProcessingException e) {
                throw new InputException(describe(source, e), e);
            } catch (java.io.IOException e) {
                throw new InputException(source + ": cannot read: " + e.getMessage(), e);
            }
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new InputException(source + ": expected a " + (isJson ? "JSON object" : "YAML mapping"));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InputException(describe(source, e), e);
        }
    }

    /** The JSON mapper, for callers that also write (same modules, same strictness). */
    public ObjectMapper jsonMapper() {
        return json;
    }

    static String describe(String source, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = source + (loc != null && loc.getLineNr() > 0 ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "");
        if (e instanceof JsonMappingException mapping) {
            String path = fieldPath(mapping);
            String field = path.isEmpty() ? "" : path + ": ";
            return where + ": " + field + what(mapping);
        }
        return where + ": not valid " + (source.endsWith(".json") ? "JSON" : "YAML/JSON") + ": " + e.getOriginalMessage();
    }

    private static String what(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            String list = known == null ? "" : known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "unknown field \"" + unknown.getPropertyName() + "\"" + (list.isEmpty() ? "" : "; expected one of: " + list);
        }
        if (e instanceof ValueInstantiationException || e.getCause() instanceof IllegalArgumentException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException bad) {
            return "expected " + typeName(bad.getTargetType()) + ", got \"" + bad.getValue() + "\"";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + typeName(mismatch.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder sb = new StringBuilder("one of: ");
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return sb.toString();
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return dev.spotsim.scenarios.time.Durations.expected();
        }
        if (type == dev.spotsim.scenarios.model.Argv.class) {
            return "a string (shell form: /bin/sh -c STRING) or a list of strings (exec form)";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "a mapping (key: value)";
        }
        return "a " + type.getSimpleName();
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.toString();
    }
}
