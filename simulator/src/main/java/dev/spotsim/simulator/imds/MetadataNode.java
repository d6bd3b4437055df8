package dev.spotsim.simulator.imds;

import dev.spotsim.simulator.instance.InstanceView;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** One entry of the metadata tree; what it shows depends on the instance it is read for, and when. */
sealed interface MetadataNode {
    /** A value; {@code null} from the function means "not there now" (404, hidden from listings). */
    record Leaf(BiFunction<InstanceView, Instant, String> value) implements MetadataNode {
        static Leaf of(Function<InstanceView, String> value) {
            return new Leaf((v, now) -> value.apply(v));
        }
    }

    /** Raw bytes served as they are (user data); {@code null} means "not there now". */
    record Bytes(Function<InstanceView, byte[]> value) implements MetadataNode {
    }

    /** A directory whose entries may depend on the instance (MAC addresses, tag keys, roles). */
    record Dir(Function<InstanceView, Map<String, MetadataNode>> children) implements MetadataNode {
        static Dir of(Map<String, MetadataNode> fixed) {
            return new Dir(v -> fixed);
        }
    }
}
