package dev.spotsim.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;

/** The {@code scenarios} parameter made into files: each file as given, each directory's *.yaml, *.yml and *.json (sorted, recursively). */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * @param given files or directories; relative ones against {@code basedir}
     * @throws MojoFailureException when one does not exist, naming it
     */
    static List<Path> expand(List<File> given, Path basedir) throws MojoFailureException {
        Set<Path> files = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (File f : given == null ? List.<File>of() : given) {
            Path p = f.isAbsolute() ? f.toPath() : basedir.resolve(f.getPath());
            if (Files.isDirectory(p)) {
                files.addAll(scenariosIn(p));
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                missing.add(p.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new MojoFailureException("scenarios: " + String.join(", ", missing) + (missing.size() == 1 ? " does" : " do")
                    + " not exist; give scenario files or directories (relative to " + basedir + ")");
        }
        return List.copyOf(files);
    }

    static boolean isScenario(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static List<Path> scenariosIn(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(ScenarioFiles::isScenario).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
