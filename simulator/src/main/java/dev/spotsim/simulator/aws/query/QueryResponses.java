package dev.spotsim.simulator.aws.query;

import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import java.util.function.Consumer;

/**
 * The envelopes of query-protocol answers. EC2: {@code <XResponse xmlns><requestId/>...members}.
 * Auto Scaling, ELBv2, STS, SQS (query): {@code <XResponse xmlns><XResult>...</XResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata>}, without XResult when the operation has no output.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#response-serialization
 */
public final class QueryResponses {
    private QueryResponses() {
    }

    /** An EC2 answer: {@code members} writes the output's members after {@code requestId}. */
    public static AwsResponse ec2(AwsRequest request, String namespace, Consumer<XmlWriter> members) {
        XmlWriter x = new XmlWriter().startRoot(request.operation() + "Response", namespace);
        x.element("requestId", request.requestId());
        members.accept(x);
        return AwsResponse.xml(x.finish());
    }

    /** An EC2 answer of an operation whose only output is {@code <return>true</return>} (CreateTags, DeleteTags). */
    public static AwsResponse ec2Return(AwsRequest request, String namespace) {
        return ec2(request, namespace, x -> x.element("return", "true"));
    }

    /** A query-protocol answer; {@code result} null for an operation without output. */
    public static AwsResponse query(AwsRequest request, String namespace, Consumer<XmlWriter> result) {
        String action = request.operation();
        XmlWriter x = new XmlWriter().startRoot(action + "Response", namespace);
        if (result != null) {
            x.start(action + "Result");
            result.accept(x);
            x.end();
        }
        x.start("ResponseMetadata").element("RequestId", request.requestId()).end();
        return AwsResponse.xml(x.finish());
    }
}
