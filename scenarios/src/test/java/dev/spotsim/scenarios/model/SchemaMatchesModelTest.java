package dev.spotsim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The published JSON Schema and the Java model describe the same fields at every level. */
class SchemaMatchesModelTest {
    @Test
    void everyRecordFieldIsInTheSchemaAndNothingElse() throws Exception {
        JsonNode schema;
        try (InputStream in = Scenario.class.getResourceAsStream("/dev/spotsim/scenarios/scenario.schema.json")) {
            assertThat(in).as("schema on the classpath").isNotNull();
            schema = new ObjectMapper().readTree(in);
        }
        List<String> problems = new ArrayList<>();
        compare(Scenario.class, schema, "scenario", problems);
        assertThat(problems).isEmpty();
    }

    private void compare(Class<?> record, JsonNode node, String path, List<String> problems) {
        assertThat(node.path("additionalProperties").asBoolean(true)).as(path + " forbids unknown fields").isFalse();
        Set<String> inModel = new TreeSet<>(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList());
        Set<String> inSchema = new TreeSet<>();
        node.path("properties").fieldNames().forEachRemaining(inSchema::add);
        if (!inModel.equals(inSchema)) {
            problems.add(path + ": model " + inModel + " vs schema " + inSchema);
            return;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            JsonNode prop = node.path("properties").path(c.getName());
            Type t = c.getGenericType();
            Class<?> nested = nestedRecord(t);
            if (nested == null) {
                continue;
            }
            JsonNode target = t instanceof ParameterizedType && Collection.class.isAssignableFrom((Class<?>) ((ParameterizedType) t).getRawType())
                    ? prop.path("items") : prop;
            compare(nested, target, path + "." + c.getName(), problems);
        }
    }

    private static Class<?> nestedRecord(Type t) {
        if (t instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (t instanceof ParameterizedType pt && Collection.class.isAssignableFrom((Class<?>) pt.getRawType())
                && pt.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord()) {
            return e;
        }
        return null;
    }
}
