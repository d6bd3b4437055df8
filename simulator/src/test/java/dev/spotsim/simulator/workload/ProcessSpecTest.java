package dev.spotsim.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSpecTest {
    @Test
    void aSimpleCommandIsExecutedSoTheProgramGetsTheSignalsItself() {
        assertThat(ProcessSpec.shell("java Service.java --port 8080").argv())
                .containsExactly("/bin/sh", "-c", "exec java Service.java --port 8080");
    }

    @Test
    void listsPipelinesSubshellsAndLeadingAssignmentsKeepTheirShell() {
        for (String command : new String[] {"a; b", "a && b", "a | b", "a &", "(a)", "FOO=bar java X.java", "a\nb", "exit 3", "cd /tmp"}) {
            assertThat(ProcessSpec.shell(command).argv()).as(command).containsExactly("/bin/sh", "-c", command);
        }
    }

    @Test
    void aBlankCommandSaysWhatIsMissing() {
        assertThatThrownBy(() -> ProcessSpec.shell("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("command: expected a command to run");
        assertThatThrownBy(() -> ProcessSpec.of()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("argv: expected a program to run");
    }

    @Test
    void theEnvironmentIsCopiedAndTheCommandLineReadsAsTyped() {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of("A", "1"));
        ProcessSpec spec = ProcessSpec.of("/bin/echo", "hi").withEnvironment(env);
        env.put("B", "2");
        assertThat(spec.environment()).containsOnlyKeys("A");
        assertThat(spec.commandLine()).isEqualTo("/bin/echo hi");
        assertThat(ProcessSpec.shell("a; b").commandLine()).isEqualTo("a; b");
    }
}
