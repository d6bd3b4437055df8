package dev.spotsim.gatling.engine;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.gatling.commons.validation.Success;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.action.SessionHook;
import io.gatling.core.action.builder.ActionBuilder;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolComponentsRegistries;
import io.gatling.core.protocol.ProtocolComponentsRegistry;
import io.gatling.core.scenario.SimulationParams;
import io.gatling.core.session.Session;
import io.gatling.core.structure.PopulationBuilder;
import io.gatling.core.structure.ScenarioBuilder;
import io.gatling.core.structure.ScenarioContext;

import scala.Option;
import scala.collection.immutable.Map;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Rewrites a Simulation's populations so that every request they send is also reported to the run
 * (and the run can be stopped), whoever wrote the Simulation.
 *
 * <p>Why this reaches into Gatling's internals: Gatling 3.15 offers no listener for finished
 * requests (its data writers are a closed set) and no stop call. A scenario's actions take the stats
 * engine from the context they are built with, so each scenario is wrapped in one action that builds
 * the original chain with a context whose stats engine is a {@link TeeStatsEngine} and whose protocol
 * components are built against it. Built this way, our figures come from the very calls that feed
 * Gatling's report. The same build hands us the run's controller, which {@link StopSwitch} needs.
 * These types are pinned by the Gatling version in the parent pom; the module's tests cover them.
 */
final class Tap {
    /** The scenario of one user, at the run's start, that marks the run as started. Spaces: never a request name. */
    static final String CONTROL_SCENARIO = "spotsim control";

    private final RunContext run;
    // Scala's Protocols type: Map[Class[_ <: Protocol], Protocol].
    private Map<Class<? extends Protocol>, Protocol> globalProtocols;
    private CoreComponents teed;
    private ProtocolComponentsRegistries registries;

    Tap(RunContext run) {
        this.run = run;
    }

    /** The same Simulation with its populations tapped and a control population added. */
    SimulationParams apply(SimulationParams params) {
        globalProtocols = params.globalProtocols();
        List<PopulationBuilder> roots = new ArrayList<>(CollectionConverters.asJava(params.rootPopulationBuilders()));
        roots.replaceAll(this::tapped);
        roots.add(controlPopulation());
        return new SimulationParams(params.name(), CollectionConverters.asScala(roots).toList(), params.globalProtocols(),
                params.globalPauseType(), params.globalThrottleSteps(), params.maxDuration(), params.assertions(),
                params.before(), Option.apply(afterRun(params.after())));
    }

    // Gatling runs the after hooks once the simulation has completed, before writing its report.
    private scala.Function0<BoxedUnit> afterRun(Option<scala.Function0<BoxedUnit>> simulationsOwn) {
        return () -> {
            run.markSimulationCompleted();
            return simulationsOwn.isDefined() ? simulationsOwn.get().apply() : BoxedUnit.UNIT;
        };
    }

    private PopulationBuilder tapped(PopulationBuilder population) {
        ScenarioBuilder scenario = population.scenarioBuilder();
        ScenarioBuilder wrapped = new ScenarioBuilder(scenario.name(),
                CollectionConverters.asScala(List.<ActionBuilder>of(new TapActionBuilder(scenario, population.scenarioProtocols()))).toList());
        List<scala.collection.immutable.List<PopulationBuilder>> children = new ArrayList<>();
        for (scala.collection.immutable.List<PopulationBuilder> sequence : CollectionConverters.asJava(population.children())) {
            List<PopulationBuilder> tappedSequence = new ArrayList<>(CollectionConverters.asJava(sequence));
            tappedSequence.replaceAll(this::tapped);
            children.add(CollectionConverters.asScala(tappedSequence).toList());
        }
        return population.copy(wrapped, population.injectionProfile(), population.scenarioProtocols(),
                population.scenarioThrottleSteps(), population.pauseType(), CollectionConverters.asScala(children).toList(),
                population.shard());
    }

    private PopulationBuilder controlPopulation() {
        io.gatling.javaapi.core.ActionBuilder markStarted = () -> (ctx, next) -> {
            watch(ctx.coreComponents());
            return hook("spotsim-control", ctx, next, session -> {
                run.stopSwitch().started();
                return session;
            });
        };
        return scenario(CONTROL_SCENARIO).exec(markStarted).injectOpen(atOnceUsers(1)).asScala();
    }

    /** Components built against the tee; one set per run, shared by all scenarios as Gatling does. */
    private synchronized ProtocolComponentsRegistries registries(CoreComponents core) {
        if (registries == null) {
            watch(core);
            teed = new CoreComponents(core.actorSystem(), core.eventLoopGroup(), core.controller(), core.throttler(),
                    new TeeStatsEngine(core.statsEngine(), run), core.clock(), core.exit(), core.configuration());
            registries = new ProtocolComponentsRegistries(teed, globalProtocols);
        }
        return registries;
    }

    private void watch(CoreComponents core) {
        run.stopSwitch().controller(core.controller());
    }

    private static Action hook(String name, ScenarioContext ctx, Action next, Function<Session, Session> function) {
        return new SessionHook(session -> new Success<>(function.apply(session)), name, ctx.coreComponents().statsEngine(), next);
    }

    /** One scenario's whole chain, built against the teed components. */
    private final class TapActionBuilder implements ActionBuilder {
        private final ScenarioBuilder scenario;
        private final Map<Class<? extends Protocol>, Protocol> scenarioProtocols;

        TapActionBuilder(ScenarioBuilder scenario, Map<Class<? extends Protocol>, Protocol> scenarioProtocols) {
            this.scenario = scenario;
            this.scenarioProtocols = scenarioProtocols;
        }

        @Override
        public Action build(ScenarioContext ctx, Action next) {
            ProtocolComponentsRegistry components = registries(ctx.coreComponents()).scenarioRegistry(scenarioProtocols);
            ScenarioContext teedContext = new ScenarioContext(teed, components, ctx.pauseType(), ctx.throttled());
            Action chain = scenario.build(teedContext, next);
            return hook("spotsim-tap", ctx, chain, session -> {
                run.stopSwitch().started();
                return withProtocols(session, components);
            });
        }

        // What Gatling does for a scenario's own components: set them up when the user starts,
        // release them when it exits, however it exits (end of chain, exitHere, crash).
        private Session withProtocols(Session session, ProtocolComponentsRegistry components) {
            Session started = components.onStart().apply(session);
            scala.Function1<Session, BoxedUnit> ownExit = started.onExit();
            scala.Function1<Session, BoxedUnit> onExit = exiting -> {
                components.onExit().apply(exiting);
                return ownExit.apply(exiting);
            };
            return started.copy(started.scenario(), started.userId(), started.attributes(), started.baseStatus(),
                    started.blockStack(), onExit, started.eventLoop());
        }
    }
}
