package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.query.Page;
import dev.spotsim.simulator.aws.query.ParamErrors;
import dev.spotsim.simulator.aws.query.QueryParams;
import dev.spotsim.simulator.aws.query.QueryResponses;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CreateTags, DeleteTags and DescribeTags on instances. Tags live on the instance itself, so IMDS's
 * {@code tags/instance} shows them too; {@code aws:} keys are AWS's own and refused.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html
 */
final class TagOperations {
    private final Fleet fleet;
    private final Ec2Instances instances;

    TagOperations(Fleet fleet, Ec2Instances instances) {
        this.fleet = fleet;
        this.instances = instances;
    }

    /** One tag of one resource, as DescribeTags lists it. */
    record TagDescription(String resourceId, String resourceType, String key, String value) {
    }

    AwsResponse createTags(AwsRequest request) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams t : p.structs("Tag")) {
            tags.put(checkedKey(t.required("Key")), t.string("Value", ""));
        }
        if (tags.isEmpty()) {
            throw ParamErrors.EC2.missing("Tag");
        }
        for (InstanceView v : resources(request, p)) {
            Map<String, String> merged = new LinkedHashMap<>(v.identity().tags());
            merged.putAll(tags);
            retag(v, merged);
        }
        return QueryResponses.ec2Return(request, Ec2Service.NAMESPACE);
    }

    /** A tag given with a value is deleted only when the value matches; without one, whatever its value. */
    AwsResponse deleteTags(AwsRequest request) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        List<QueryParams> tags = p.structs("Tag");
        for (InstanceView v : resources(request, p)) {
            Map<String, String> kept = new LinkedHashMap<>(v.identity().tags());
            if (tags.isEmpty()) {
                kept.clear();
            }
            for (QueryParams t : tags) {
                String key = checkedKey(t.required("Key"));
                String value = t.string("Value");
                if (value == null || value.equals(kept.get(key))) {
                    kept.remove(key);
                }
            }
            retag(v, kept);
        }
        return QueryResponses.ec2Return(request, Ec2Service.NAMESPACE);
    }

    AwsResponse describeTags(AwsRequest request) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        Predicate<TagDescription> filter = new Filters<TagDescription>()
                .one("resource-id", TagDescription::resourceId)
                .one("resource-type", TagDescription::resourceType)
                .one("key", TagDescription::key)
                .one("value", TagDescription::value)
                .parse(p);
        Integer max = p.integer("MaxResults", 5, 1000);
        List<TagDescription> all = new ArrayList<>();
        for (InstanceView v : instances.visible(request)) {
            InstanceXml.tags(v).forEach((k, val) -> all.add(new TagDescription(v.instanceId(), "instance", k, val)));
        }
        List<TagDescription> matching = all.stream().filter(filter).toList();
        Page<TagDescription> page = Page.of(matching, p.string("NextToken"), max == null ? Integer.MAX_VALUE : max,
                InstanceQueries.badToken(p.string("NextToken")));
        return QueryResponses.ec2(request, Ec2Service.NAMESPACE, x -> {
            x.list("tagSet", "item", page.items(), (w, t) -> w.element("resourceId", t.resourceId())
                    .element("resourceType", t.resourceType()).element("key", t.key()).element("value", t.value()));
            x.element("nextToken", page.nextToken());
        });
    }

    private List<InstanceView> resources(AwsRequest request, QueryParams p) {
        List<String> ids = p.list("ResourceId");
        if (ids.isEmpty()) {
            throw ParamErrors.EC2.missing("ResourceId");
        }
        for (String id : ids) {
            if (!id.startsWith("i-")) {
                throw AwsException.badRequest("InvalidID", "The ID '" + id + "' is not valid: spotsim tags instances only");
            }
        }
        return instances.named(request, ids);
    }

    private static String checkedKey(String key) {
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw AwsException.badRequest("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
        }
        return key;
    }

    private void retag(InstanceView v, Map<String, String> tags) {
        try {
            fleet.setTags(v.instanceId(), tags);
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest("InvalidParameterValue", e.getMessage());
        }
    }
}
