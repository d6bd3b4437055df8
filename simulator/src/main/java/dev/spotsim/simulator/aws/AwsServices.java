package dev.spotsim.simulator.aws;

import dev.spotsim.simulator.aws.autoscaling.AutoScalingService;
import dev.spotsim.simulator.aws.ec2.Ec2Service;
import dev.spotsim.simulator.aws.ecs.EcsService;
import dev.spotsim.simulator.aws.elb.ElbService;
import dev.spotsim.simulator.aws.eventbridge.EventBridgeService;
import dev.spotsim.simulator.aws.sqs.SqsQueues;
import dev.spotsim.simulator.aws.sqs.SqsService;
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
        services.add(new dev.spotsim.simulator.aws.sts.StsService(context));
        services.add(new dev.spotsim.simulator.aws.ssm.SsmService(context));
        services.add(new dev.spotsim.simulator.aws.fis.FisService(context));
        SqsQueues queues = new SqsQueues(context.clock(), context.accountId());
        services.add(new SqsService(context, queues));
        services.add(new EventBridgeService(context, queues));
        services.add(new EcsService(context));
        services.add(new ElbService(context));
        return services;
    }
}
