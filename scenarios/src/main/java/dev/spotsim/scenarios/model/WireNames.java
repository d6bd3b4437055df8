package dev.spotsim.scenarios.model;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reading the closed vocabularies of a scenario (lanes, actions, strategies, ...) by the names users write. */
final class WireNames {
    private WireNames() {
    }

    /** The constant whose wire name is {@code text}; the error lists every name (the reader adds file, line and field). */
    static <E extends Enum<E>> E parse(Class<E> type, String text, Function<E, String> wireName) {
        E[] all = type.getEnumConstants();
        return Arrays.stream(all).filter(e -> wireName.apply(e).equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of " + names(all, wireName) + ", got "
                        + (text == null ? "nothing" : "\"" + text + "\"")));
    }

    static <E extends Enum<E>> String names(E[] all, Function<E, String> wireName) {
        return Arrays.stream(all).map(wireName).collect(Collectors.joining(", "));
    }
}
