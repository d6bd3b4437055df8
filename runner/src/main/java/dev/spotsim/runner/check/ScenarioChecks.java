package dev.spotsim.runner.check;

import dev.spotsim.scenarios.check.ContainerCheck;
import dev.spotsim.scenarios.check.Finding;
import dev.spotsim.scenarios.check.TimingCheck;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.BoundedText;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code spotsim check} says about a scenario, shared by the CLI and the Maven plugin's {@code check} goal. */
public final class ScenarioChecks {
    private ScenarioChecks() {
    }

    /** Every finding about a scenario: its timings against the notice, its container settings, and its image (read from DOCKER_HOST's engine). */
    public static List<Finding> findings(Scenario scenario, Map<String, String> env) {
        List<Finding> findings = new ArrayList<>(TimingCheck.check(scenario));
        findings.addAll(ContainerCheck.check(scenario));
        findings.addAll(ImageLint.findings(scenario, env));
        return findings;
    }

    /**
     * Reads {@code file} and checks it, each finding placed at the line of its field.
     *
     * @throws dev.spotsim.scenarios.parse.InputException when the file cannot be read or is not a valid scenario (file:line:col: field: what)
     */
    public static CheckedFile check(Path file, Map<String, String> env) {
        String text = BoundedText.read(file);
        boolean isJson = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        Scenario scenario = new StructuredReader().read(text, file.toString(), isJson, Scenario.class);
        FieldLocator locator = FieldLocator.of(text, isJson);
        List<Located> located = findings(scenario, env).stream().map(f -> {
            String at = locator.lineAndColumn(f.field());
            return new Located(at == null ? file.toString() : file + ":" + at, f);
        }).toList();
        return new CheckedFile(file, scenario, located);
    }

    /** A checked scenario file and what was found, in the order {@code spotsim check} prints it. */
    public record CheckedFile(Path file, Scenario scenario, List<Located> findings) {
        public CheckedFile {
            findings = List.copyOf(findings);
        }

        /** No error: every drain fits its notice (warnings may remain). */
        public boolean fits() {
            return findings.stream().noneMatch(l -> l.finding().severity() == Finding.Severity.ERROR);
        }
    }

    /** A finding and where its field is written: "scenario.yaml:14:3". */
    public record Located(String where, Finding finding) {
        /** "scenario.yaml:14:3: error: workload.stopTimeout: stopTimeout 3m = ..., longer than the notice 2m". */
        public String line() {
            return where + ": " + finding.severity().name().toLowerCase(Locale.ROOT) + ": " + finding.field() + ": " + finding.message();
        }
    }
}
