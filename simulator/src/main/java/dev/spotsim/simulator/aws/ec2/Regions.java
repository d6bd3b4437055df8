package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.query.ParamErrors;
import dev.spotsim.simulator.aws.query.QueryParams;
import dev.spotsim.simulator.aws.query.QueryResponses;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * DescribeRegions and DescribeAvailabilityZones: the commercial regions enabled by default, and in
 * the request's region the zones a, b and c plus every zone the fleet's pools use.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html
 */
final class Regions {
    static final List<String> DEFAULT_REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
            "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1",
            "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2");
    private final Fleet fleet;

    Regions(Fleet fleet) {
        this.fleet = fleet;
    }

    private TreeSet<String> regions() {
        TreeSet<String> all = new TreeSet<>(DEFAULT_REGIONS);
        fleet.pools().all().forEach(p -> all.add(p.availabilityZone().substring(0, p.availabilityZone().length() - 1)));
        return all;
    }

    AwsResponse describeRegions(AwsRequest request) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        List<String> names = p.list("RegionName");
        TreeSet<String> known = regions();
        for (String n : names) {
            if (!known.contains(n)) {
                throw AwsException.badRequest("InvalidParameterValue", "Invalid region: " + n);
            }
        }
        Predicate<String> filter = new Filters<String>().one("region-name", r -> r).one("endpoint", Regions::endpoint)
                .one("opt-in-status", r -> "opt-in-not-required").parse(p);
        List<String> shown = known.stream().filter(r -> names.isEmpty() || names.contains(r)).filter(filter).toList();
        return QueryResponses.ec2(request, Ec2Service.NAMESPACE, x -> x.list("regionInfo", "item", shown,
                (w, r) -> w.element("regionName", r).element("regionEndpoint", endpoint(r)).element("optInStatus", "opt-in-not-required")));
    }

    private static String endpoint(String region) {
        return "ec2." + region + ".amazonaws.com";
    }

    AwsResponse describeAvailabilityZones(AwsRequest request) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        String region = request.region();
        TreeSet<String> zones = new TreeSet<>(List.of(region + "a", region + "b", region + "c"));
        fleet.pools().all().stream().map(pool -> pool.availabilityZone()).filter(z -> z.startsWith(region) && z.length() == region.length() + 1)
                .forEach(zones::add);
        List<String> names = p.list("ZoneName");
        List<String> zoneIds = p.list("ZoneId");
        for (String n : names) {
            if (!zones.contains(n)) {
                throw AwsException.badRequest("InvalidParameterValue", "The zone '" + n + "' does not exist.");
            }
        }
        Predicate<String> filter = new Filters<String>().one("zone-name", z -> z).one("zone-id", Regions::zoneId)
                .one("region-name", z -> region).one("state", z -> "available").one("zone-type", z -> "availability-zone")
                .one("opt-in-status", z -> "opt-in-not-required").one("group-name", z -> region).parse(p);
        List<String> shown = zones.stream().filter(z -> names.isEmpty() || names.contains(z))
                .filter(z -> zoneIds.isEmpty() || zoneIds.contains(zoneId(z))).filter(filter).toList();
        return QueryResponses.ec2(request, Ec2Service.NAMESPACE, x -> x.list("availabilityZoneInfo", "item", shown, (w, z) -> w
                .element("zoneName", z).element("zoneState", "available").element("regionName", region).element("zoneId", zoneId(z))
                .element("groupName", region).element("networkBorderGroup", region).element("zoneType", "availability-zone")
                .element("optInStatus", "opt-in-not-required").start("messageSet").end()));
    }

    /** The zone id IMDS shows for the zone (use1-az1 for us-east-1a), so both agree. */
    private static String zoneId(String zone) {
        return InstanceIdentity.generated(0, "c5.large", zone, "spot").availabilityZoneId();
    }
}
