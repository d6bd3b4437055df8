package dev.spotsim.simulator.route;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The control API's routes, each declared once as method + path template + handler: the router is
 * built from this table, and so are the 404 and 405 answers (a path no template matches, or one
 * matched only for other methods, with the {@code Allow} header listing them).
 * Path templates use Vert.x's {@code :name} for one segment.
 */
public final class RouteTable {
    /** One route: {@code GET /spotsim/v1/instances/:id} and what answers it. */
    public record Route(HttpMethod method, String path, Handler<RoutingContext> handler) {
        /** True when {@code requestPath} fits this template, segment by segment. */
        public boolean matches(String requestPath) {
            String[] want = path.split("/", -1);
            String[] got = requestPath.split("/", -1);
            if (want.length != got.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                boolean param = want[i].startsWith(":") && !got[i].isEmpty();
                if (!param && !want[i].equals(got[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    public RouteTable add(HttpMethod method, String path, Handler<RoutingContext> handler) {
        for (Route r : routes) {
            if (r.method().equals(method) && r.path().equals(path)) {
                throw new IllegalStateException("route declared twice: " + method + " " + path);
            }
        }
        routes.add(new Route(method, path, handler));
        return this;
    }

    public RouteTable get(String path, Handler<RoutingContext> handler) {
        return add(HttpMethod.GET, path, handler);
    }

    public RouteTable post(String path, Handler<RoutingContext> handler) {
        return add(HttpMethod.POST, path, handler);
    }

    public RouteTable put(String path, Handler<RoutingContext> handler) {
        return add(HttpMethod.PUT, path, handler);
    }

    public RouteTable delete(String path, Handler<RoutingContext> handler) {
        return add(HttpMethod.DELETE, path, handler);
    }

    /** Every route, in declaration order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Mounts every route on {@code router}, in declaration order. */
    public void mountOn(Router router) {
        for (Route r : routes) {
            router.route(r.method(), r.path()).handler(r.handler());
        }
    }

    /** The methods declared for the path (empty: no route has it), for 404 versus 405 and the Allow header. */
    public Set<HttpMethod> allowed(String requestPath) {
        Set<HttpMethod> methods = new LinkedHashSet<>();
        for (Route r : routes) {
            if (r.matches(requestPath)) {
                methods.add(r.method());
            }
        }
        return methods;
    }
}
