package dev.spotsim.simulator.junit;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.Interruption;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a simulator on free loopback ports for a test class (static field) or each test (instance
 * field), points the AWS SDK at it through the {@code aws.ec2MetadataServiceEndpoint} system
 * property, and puts everything back afterwards. Test methods can take a {@link SpotSim} parameter.
 * <pre>
 * &#64;RegisterExtension
 * static SpotSimExtension spot = SpotSimExtension.withSimulator(b -> b.tokensRequired(true));
 * </pre>
 */
public final class SpotSimExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    /** The system property the AWS SDK for Java v2 reads for the IMDS endpoint. */
    public static final String ENDPOINT_PROPERTY = "aws.ec2MetadataServiceEndpoint";

    private final Consumer<SpotSim.Builder> configuration;
    private SpotSim sim;
    private String previousEndpoint;
    private boolean perClass;

    private SpotSimExtension(Consumer<SpotSim.Builder> configuration) {
        this.configuration = configuration;
    }

    /** One Spot instance, IMDSv1 and v2 allowed. */
    public static SpotSimExtension withDefaults() {
        return new SpotSimExtension(b -> { });
    }

    /** A simulator configured by {@code configuration} (instances, clock, metadata options...). */
    public static SpotSimExtension withSimulator(Consumer<SpotSim.Builder> configuration) {
        return new SpotSimExtension(configuration);
    }

    public SpotSim sim() {
        if (sim == null) {
            throw new IllegalStateException("the simulator runs only while a test runs");
        }
        return sim;
    }

    public String imdsEndpoint() {
        return sim().imdsEndpoint();
    }

    /** Interrupts the first instance as AWS does: terminate, two-minute notice, now. */
    public Interruption interrupt() {
        return sim().interrupt();
    }

    public Interruption interrupt(InterruptRequest request) {
        return sim().interrupt(sim().firstInstanceId(), request);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        startSimulator();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopSimulator();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            startSimulator();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stopSimulator();
        }
    }

    private void startSimulator() {
        SpotSim.Builder builder = SpotSim.builder();
        configuration.accept(builder);
        sim = builder.start();
        previousEndpoint = System.getProperty(ENDPOINT_PROPERTY);
        System.setProperty(ENDPOINT_PROPERTY, sim.imdsEndpoint());
    }

    private void stopSimulator() {
        try {
            if (sim != null) {
                sim.close();
            }
        } finally {
            sim = null;
            if (previousEndpoint == null) {
                System.clearProperty(ENDPOINT_PROPERTY);
            } else {
                System.setProperty(ENDPOINT_PROPERTY, previousEndpoint);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SpotSim.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sim();
    }
}
