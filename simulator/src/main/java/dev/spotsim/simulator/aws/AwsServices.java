package dev.spotsim.simulator.aws;

import dev.spotsim.simulator.aws.autoscaling.AutoScalingService;
import dev.spotsim.simulator.aws.ec2.Ec2Service;
import dev.spotsim.simulator.aws.fis.FisService;
import dev.spotsim.simulator.aws.ssm.SsmService;
import dev.spotsim.simulator.aws.sts.StsService;
import java.util.ArrayList;
import java.util.List;

/** Every AWS service the simulator serves, built once per simulator. One line per service. */
public final class AwsServices {
    private AwsServices() {
    }

    public static List<AwsService> create(AwsContext context) {
        List<AwsService> services = new ArrayList<>();
        services.add(new Ec2Service(context));
        services.add(new AutoScalingService(context));
        services.add(new StsService(context));
        services.add(new SsmService(context));
        services.add(new FisService(context));
        return services;
    }
}
