package dev.spotsim.cli.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Tries the fixed ports the simulator needs before it starts, so a port already in use is named
 * (and nothing is half-started). The simulator's own bind error still covers a port taken in between.
 */
final class PortCheck {
    private PortCheck() {
    }

    /** @param what what the port is for, e.g. "control API"; {@code flag} the option that chooses it */
    static void requireFree(String host, int port, String what, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            // Vert.x binds with SO_REUSEADDR too: a port in TIME_WAIT is usable, one with a listener is not.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new IllegalArgumentException("port " + port + " on " + host + " is already in use (" + what
                        + "); stop what uses it or choose another " + flag);
            }
            throw cannotListen(host, port, what, e);
        } catch (IOException e) {
            throw cannotListen(host, port, what, e);
        }
    }

    private static IllegalArgumentException cannotListen(String host, int port, String what, IOException e) {
        return new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + what + "): " + e.getMessage()
                + "; check --host");
    }
}
