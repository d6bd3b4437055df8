package dev.spotsim.simulator.aws.sts;

import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import dev.spotsim.simulator.aws.Xml;
import java.util.concurrent.CompletableFuture;

/**
 * AWS STS's GetCallerIdentity, on the query protocol: whatever credentials sign the call, the caller
 * is one IAM user of the simulator's account (signatures are not checked). The XML is written by hand
 * with {@link Xml#escape}: the shared query helper was not on main when this was written.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
public final class StsService implements AwsService {
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** The caller every credential maps to. */
    static final String USER_NAME = "spotsim";
    /** IAM user ids start with AIDA. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids */
    static final String USER_ID = "AIDASPOTSIMLOCALUSER";

    private final AwsContext context;

    public StsService(AwsContext context) {
        this.context = context;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.QUERY;
    }

    @Override
    public String apiVersion() {
        return "2011-06-15";
    }

    @Override
    public String xmlNamespace() {
        return NAMESPACE;
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        if (!"GetCallerIdentity".equals(request.operation())) {
            throw AwsException.badRequest("InvalidAction", "spotsim's STS answers GetCallerIdentity only, not " + request.operation());
        }
        String arn = "arn:aws:iam::" + context.accountId() + ":user/" + USER_NAME;
        String xml = "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\"><GetCallerIdentityResult>"
                + "<Arn>" + Xml.escape(arn) + "</Arn><UserId>" + USER_ID + "</UserId><Account>" + Xml.escape(context.accountId())
                + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>" + request.requestId()
                + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
        return CompletableFuture.completedFuture(AwsResponse.xml(xml));
    }
}
