package dev.spotsim.cli;

import dev.spotsim.cli.client.CapacityCommand;
import dev.spotsim.cli.client.EventsCommand;
import dev.spotsim.cli.client.FaultsCommand;
import dev.spotsim.cli.client.FleetCommand;
import dev.spotsim.cli.client.ReclaimCommand;
import dev.spotsim.cli.client.ScheduleCommand;
import dev.spotsim.cli.client.InterruptCommand;
import dev.spotsim.cli.client.MaintenanceCommand;
import dev.spotsim.cli.client.MetadataOptionsCommand;
import dev.spotsim.cli.client.RebalanceCommand;
import dev.spotsim.cli.client.ResetCommand;
import dev.spotsim.cli.client.StatusCommand;
import dev.spotsim.cli.check.CheckCommand;
import dev.spotsim.cli.cleanup.CleanupCommand;
import dev.spotsim.cli.compare.CompareCommand;
import dev.spotsim.cli.gameday.GamedayCommand;
import dev.spotsim.cli.load.LoadCommand;
import dev.spotsim.cli.run.RunCommand;
import dev.spotsim.cli.serve.ServeCommand;
import dev.spotsim.cli.console.Colour;
import dev.spotsim.cli.console.OutputRouting;
import dev.spotsim.cli.console.Terminal;
import java.io.PrintWriter;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spotsim} command: the simulator server and the clients of its control API. */
@Command(name = "spotsim", mixinStandardHelpOptions = true, versionProvider = SpotsimCommand.Version.class,
        description = "Rehearse EC2 Spot interruptions: a faithful fake instance metadata service and Spot fleet, scenario runs gated on drain-time SLOs (run, check), and game days on real AWS (gameday).",
        footer = {"", "Exit codes: 0 done, 1 error (bad input, simulator unreachable, API error), 2 an SLO is broken."})
public final class SpotsimCommand implements Runnable {
    /**
     * Every subcommand, in the order help lists them, by its {@code @Command} name. They are added in
     * code, not through {@code @Command(subcommands = ...)}, so that a command line naming one of them
     * builds only that one: picocli models each command by reflection (and its own classes, compiled
     * for Java 5, are verified slowly and kept out of class-data sharing archives), and building all
     * of them took half of {@code serve}'s start-up.
     */
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("serve", ServeCommand.class), new Subcommand("status", StatusCommand.class),
            new Subcommand("interrupt", InterruptCommand.class), new Subcommand("rebalance", RebalanceCommand.class),
            new Subcommand("maintenance", MaintenanceCommand.class), new Subcommand("faults", FaultsCommand.class),
            new Subcommand("metadata-options", MetadataOptionsCommand.class), new Subcommand("reset", ResetCommand.class),
            new Subcommand("fleet", FleetCommand.class), new Subcommand("capacity", CapacityCommand.class),
            new Subcommand("reclaim", ReclaimCommand.class), new Subcommand("schedule", ScheduleCommand.class),
            new Subcommand("events", EventsCommand.class), new Subcommand("run", RunCommand.class),
            new Subcommand("check", CheckCommand.class), new Subcommand("compare", CompareCommand.class),
            new Subcommand("gameday", GamedayCommand.class), new Subcommand("load", LoadCommand.class),
            new Subcommand("cleanup", CleanupCommand.class), new Subcommand("help", CommandLine.HelpCommand.class, false),
            new Subcommand("generate-completion", picocli.AutoComplete.GenerateCompletion.class, false));

    /**
     * A subcommand: its name as typed (its {@code @Command} name), its class, and whether it works
     * without its siblings (help and the completion script describe the whole tree).
     */
    record Subcommand(String name, Class<?> type, boolean standalone) {
        Subcommand(String name, Class<?> type) {
            this(name, type, true);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // First, before any library prints: the console is for spotsim's own lines (see OutputRouting).
        OutputRouting routing = OutputRouting.install();
        Map<String, String> env = System.getenv();
        Terminal terminal = new Terminal(Colour.detect(env), routing);
        String first = args.length == 0 ? null : args[0];
        CommandLine cmd = commandLine(env, terminal, first, "serve".equals(first) ? ServeCommand.vertxAhead() : null);
        cmd.setOut(new PrintWriter(routing.consoleOut(), true));
        cmd.setErr(new PrintWriter(routing.consoleErr(), true));
        System.exit(cmd.execute(args));
    }

    /** The configured command line, reading the process environment. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The configured command line with {@code env} as the environment {@code serve} reads; tests run it in-process. */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, Terminal.of(env), null, null);
    }

    /**
     * The command line for arguments starting with {@code first}: when that names a subcommand, the
     * root with only that subcommand (what it parses, prints and does is the same as in the full tree);
     * otherwise ({@code help}, {@code generate-completion}, {@code --help}, {@code --version}, a typo
     * that deserves suggestions, null) the full tree.
     */
    static CommandLine commandLine(Map<String, String> env, Terminal terminal, String first) {
        return commandLine(env, terminal, first, null);
    }

    /** As above, with serve running on the Vert.x instance {@code serveVertx} completes with (null: its own). */
    private static CommandLine commandLine(Map<String, String> env, Terminal terminal, String first, CompletableFuture<Vertx> serveVertx) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ServeCommand.class) {
                    return type.cast(new ServeCommand(env, serveVertx));
                }
                return type == RunCommand.class ? type.cast(new RunCommand(terminal)) : defaults.create(type);
            }
        };
        CommandLine cmd = new CommandLine(new SpotsimCommand(), factory);
        boolean named = SUBCOMMANDS.stream().anyMatch(s -> s.standalone() && s.name().equals(first));
        for (Subcommand sub : SUBCOMMANDS) {
            if (!named || sub.name().equals(first)) {
                cmd.addSubcommand(sub.type());
            }
        }
        // Set after the subcommands are added: picocli passes these settings down only to the subcommands present.
        // No picocli @argument-files: "--user-data @script.sh" means the file's text, not its words as arguments.
        return cmd.setExpandAtFiles(false)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setColorScheme(CommandLine.Help.defaultColorScheme(terminal.colour().enabled() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF))
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new UsageErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version and commit from the jar's manifest, or "development build" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SpotsimCommand.class.getPackage().getImplementationVersion();
            String commit = revision();
            return new String[] {"spotsim " + (v == null ? "(development build)" : v) + (commit == null ? "" : " (commit " + commit + ")"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }

        /** The SCM-Revision manifest entry of the jar this class came from; null outside a jar or when unknown. */
        static String revision() {
            java.net.URL self = SpotsimCommand.class.getProtectionDomain().getCodeSource() == null ? null
                    : SpotsimCommand.class.getProtectionDomain().getCodeSource().getLocation();
            if (self == null || !self.getPath().endsWith(".jar")) {
                return null;
            }
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(self.toURI()))) {
                String r = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("SCM-Revision");
                return r == null || r.isBlank() || r.equals("unknown") || r.startsWith("${") ? null : r;
            } catch (java.io.IOException | java.net.URISyntaxException e) {
                return null;
            }
        }
    }
}
