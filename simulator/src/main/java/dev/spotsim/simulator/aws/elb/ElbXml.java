package dev.spotsim.simulator.aws.elb;

import dev.spotsim.simulator.aws.Xml;

/**
 * A small writer of ELBv2's query answers: elements in order, lists as {@code <Name><member>...</member></Name>},
 * wrapped in {@code <OpResponse><OpResult>} with the request id.
 */
final class ElbXml {
    static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private final StringBuilder b = new StringBuilder();

    ElbXml open(String name) {
        b.append('<').append(name).append('>');
        return this;
    }

    ElbXml close(String name) {
        b.append("</").append(name).append('>');
        return this;
    }

    /** An element with text; nothing when the value is null (absent members are left out, as AWS does). */
    ElbXml text(String name, Object value) {
        if (value != null) {
            open(name);
            b.append(Xml.escape(value.toString()));
            close(name);
        }
        return this;
    }

    String response(String operation, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + operation + "Response xmlns=\"" + NAMESPACE + "\"><" + operation + "Result>" + b
                + "</" + operation + "Result><ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></" + operation
                + "Response>";
    }
}
