package dev.spotsim.simulator.aws.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.aws.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    private static QueryParams params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return QueryParams.of(m, ParamErrors.EC2);
    }

    @Test
    void listsAreReadInIndexOrderNotSendingOrder() {
        QueryParams p = params("InstanceId.10", "i-c", "InstanceId.2", "i-b", "InstanceId.1", "i-a", "InstanceIdX.1", "no");
        assertThat(p.list("InstanceId")).containsExactly("i-a", "i-b", "i-c");
        assertThat(params("InstanceIds.member.1", "i-a").list("InstanceIds.member")).containsExactly("i-a");
    }

    @Test
    void filtersAreStructuresWithTheirOwnValueLists() {
        QueryParams p = params("Filter.1.Name", "tag:Name", "Filter.1.Value.1", "web", "Filter.1.Value.2", "api",
                "Filter.2.Name", "instance-state-name", "Filter.2.Value.1", "running");
        List<QueryParams> filters = p.structs("Filter");
        assertThat(filters).hasSize(2);
        assertThat(filters.get(0).required("Name")).isEqualTo("tag:Name");
        assertThat(filters.get(0).list("Value")).containsExactly("web", "api");
        assertThat(filters.get(1).list("Value")).containsExactly("running");
    }

    @Test
    void mapsAndNestedStructuresAreRead() {
        QueryParams p = params("Tags.member.1.Key", "team", "Tags.member.1.Value", "spot", "Tags.member.2.Key", "env",
                "Attribute.1.Name", "VisibilityTimeout", "Attribute.1.Value", "30");
        assertThat(p.map("Attribute", "Name", "Value")).containsExactly(Map.entry("VisibilityTimeout", "30"));
        assertThat(p.structs("Tags.member")).extracting(s -> s.string("Value", "")).containsExactly("spot", "");
        assertThat(params("LaunchTemplate.Version", "3").struct("LaunchTemplate").string("Version")).isEqualTo("3");
    }

    @Test
    void missingAndMalformedValuesAnswerTheServiceErrorCodesNamingTheParameter() {
        QueryParams p = params("Filter.1.Value.1", "x", "MaxResults", "abc", "DryRun", "maybe");
        assertThatThrownBy(() -> p.structs("Filter").get(0).required("Name")).isInstanceOf(AwsException.class)
                .hasMessageContaining("Filter.1.Name").extracting(e -> ((AwsException) e).code()).isEqualTo("MissingParameter");
        assertThatThrownBy(() -> p.integer("MaxResults", 5, 1000)).extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidParameterValue");
        assertThatThrownBy(() -> p.bool("DryRun")).hasMessageContaining("DryRun");
        assertThatThrownBy(() -> params("MaxRecords", "0").integer("MaxRecords", 1, 100)).hasMessageContaining("between 1 and 100");
        QueryParams asg = QueryParams.of(Map.of(), ParamErrors.VALIDATION);
        assertThatThrownBy(() -> asg.required("AutoScalingGroupName")).extracting(e -> ((AwsException) e).code()).isEqualTo("ValidationError");
    }

    @Test
    void xmlEscapesTextLeavesOutNullMembersAndWritesMillisecondTimestamps() {
        String xml = new XmlWriter().startRoot("R", "urn:x").element("a", "<&>").element("b", (String) null)
                .timestamp("t", java.time.Instant.parse("2026-01-01T12:00:00Z")).values("set", "item", List.of("1", "2")).finish();
        assertThat(xml).endsWith("<R xmlns=\"urn:x\"><a>&lt;&amp;&gt;</a><t>2026-01-01T12:00:00.000Z</t><set><item>1</item><item>2</item></set></R>");
    }

    @Test
    void pagesHandBackTokensThatResumeWhereThePreviousPageEnded() {
        AwsException bad = AwsException.badRequest("InvalidNextToken", "bad");
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        Page<Integer> first = Page.of(all, null, 2, bad);
        Page<Integer> second = Page.of(all, first.nextToken(), 2, bad);
        Page<Integer> last = Page.of(all, second.nextToken(), 2, bad);
        assertThat(first.items()).containsExactly(1, 2);
        assertThat(second.items()).containsExactly(3, 4);
        assertThat(last.items()).containsExactly(5);
        assertThat(last.nextToken()).isNull();
        assertThatThrownBy(() -> Page.of(all, "not-a-token", 2, bad)).isSameAs(bad);
    }
}
