package dev.spotsim.gameday.plan;

/**
 * A game day that must not start (or go on): the message names the scenario field or flag, what was
 * found and what to change. Nothing has been changed in AWS when a plan is refused.
 */
public final class GamedayRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GamedayRefusal(String message) {
        super(message);
    }
}
