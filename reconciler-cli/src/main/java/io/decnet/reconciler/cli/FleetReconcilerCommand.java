package io.decnet.reconciler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleet-reconciler}: names the commands; {@code reconcile} does the work. */
@Command(
        name = "fleet-reconciler",
        mixinStandardHelpOptions = true,
        versionProvider = FleetReconcilerCommand.Version.class,
        usageHelpAutoWidth = true,
        header = "Keeps a DECNET host's fleet_deckies table in agreement with decnet-state.json and Docker.",
        synopsisHeading = "%nUsage: ",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {
            "Start with:  fleet-reconciler reconcile --help",
            "What would change:  fleet-reconciler plan;  what is there:  fleet-reconciler status",
            "One pass:    fleet-reconciler reconcile --once --state decnet-state.json \\",
            "                 --db jdbc:sqlite:decnet.db",
        })
final class FleetReconcilerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.usage(cl.getErr());
        cl.getErr().println();
        cl.getErr().println("error: name a command, e.g. fleet-reconciler reconcile --once");
        return OnceRun.ERROR;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"fleet-reconciler " + (v != null ? v : "(development build)"),
                "Java " + Runtime.version()};
        }
    }
}
