package dev.spotsim.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;

import io.gatling.javaapi.core.Simulation;

/**
 * A user's own Simulation, as a user would write it: reads the target from the property spotsim sets,
 * sends a ping and a request to an endpoint that never answers, and asserts that nothing failed (so
 * its assertion fails). No disableWarmUp(): spotsim's gatling.conf must keep it from calling out anyway.
 */
public class PingSimulation extends Simulation {
    static final int USERS = 4;

    private final String baseUrl = System.getProperty(GatlingLoad.BASE_URL_PROPERTY);

    public PingSimulation() {
        setUp(scenario("pings").exec(
                        http("ping").get("/ping"),
                        http("hang").get("/hang").requestTimeout(Duration.ofMillis(300)))
                .injectOpen(atOnceUsers(USERS)))
                .protocols(http.baseUrl(baseUrl))
                .assertions(global().failedRequests().count().is(0L));
    }
}
