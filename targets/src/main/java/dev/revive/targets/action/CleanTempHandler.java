package dev.revive.targets.action;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.driver.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CLEAN_TEMP: empties the node's temp paths through its driver and removes the kind's own leftovers
 * ({@link Leftovers}: files a kind knows to be debris of an interrupted write, such as Redis's {@code temp-*.rdb}
 * in its data dir). Refuses while the node runs; asks the gate right before removing anything; nothing to remove →
 * SKIPPED. The kind-independent CLEAN_TEMP has no leftovers; a kind plug-in makes its own with them.
 */
public class CleanTempHandler implements ActionHandler {

    /**
     * The kind's leftovers of a stopped node: regular files only (listed without following links), never a
     * symbolic link, a directory or a file the node needs.
     */
    @FunctionalInterface
    public interface Leftovers {

        /** None: only the temp paths are cleaned. */
        Leftovers NONE = node -> List.of();

        /** The leftover files of {@code node} now; lists, deletes nothing. */
        List<Path> find(NodeSpec node);
    }

    private final NodeDrivers drivers;
    private final Leftovers leftovers;

    /**
     * @param drivers   the node drivers, which clean the temp paths
     * @param leftovers the kind's leftovers besides the temp paths
     */
    public CleanTempHandler(NodeDrivers drivers, Leftovers leftovers) {
        this.drivers = drivers;
        this.leftovers = leftovers;
    }

    @Override
    public final StepOutcome execute(StepContext context) {
        NodeSpec node = context.requireNode();
        List<Path> debris = leftovers.find(node);
        if (node.tempPaths().isEmpty() && debris.isEmpty()) {
            return StepOutcome.skipped(node.id() + " has no temp paths configured" + noLeftovers(debris));
        }
        NodeDriver driver = drivers.forNode(node);
        NodeProcess process = driver.inspect(node);
        if (process.running()) {
            return StepOutcome.failed("refusing to clean the temp paths of " + node.id() + " while it runs as pid "
                    + process.pid());
        }
        Optional<StepOutcome> refusal = context.refusalBefore("remove the entries of " + node.tempPaths()
                + (debris.isEmpty() ? "" : " and " + debris));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        int removed = node.tempPaths().isEmpty() ? 0 : driver.cleanTemp(node);
        List<Path> deleted = deleteFiles(leftovers.find(node));
        if (removed == 0 && deleted.isEmpty()) {
            return StepOutcome.skipped("nothing in " + node.tempPaths() + noLeftovers(deleted));
        }
        return StepOutcome.succeeded("removed " + removed + " entries from " + node.tempPaths()
                + (deleted.isEmpty() ? noLeftovers(deleted) : " and the leftovers " + deleted));
    }

    @Override
    public final String describe(StepContext context) {
        NodeSpec node = context.requireNode();
        List<Path> debris = leftovers.find(node);
        if (node.tempPaths().isEmpty() && debris.isEmpty()) {
            return "would skip: " + node.id() + " has no temp paths configured" + noLeftovers(debris);
        }
        NodeDriver driver = drivers.forNode(node);
        List<Path> entries = new ArrayList<>(node.tempPaths().isEmpty() ? List.of() : driver.tempEntries(node));
        entries.addAll(debris);
        String running = driver.inspect(node).running()
                ? " (it would refuse while " + node.id() + " runs, as it does now)" : "";
        return entries.isEmpty() ? "would skip: nothing in " + node.tempPaths() + running
                : "would remove these entries: " + entries + running;
    }

    /** {@code ; no leftovers} when this handler looks for any, else nothing. */
    private String noLeftovers(List<Path> found) {
        return leftovers == Leftovers.NONE || !found.isEmpty() ? "" : "; no leftovers";
    }

    /** Deletes each path that is still a regular file (not a link); returns those deleted. */
    private static List<Path> deleteFiles(List<Path> files) {
        List<Path> deleted = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                if (Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            } catch (IOException e) {
                throw new TargetException(Kind.LOCAL, "cannot delete " + file + ": " + e.getMessage(), e);
            }
        }
        return deleted;
    }
}
