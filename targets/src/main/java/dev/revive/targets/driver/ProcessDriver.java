package dev.revive.targets.driver;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Controls nodes that are local processes ({@link ProcessControl}). A process is identified by the
 * pid file, and only when its executable and arguments are exactly the spec's command; without a
 * usable pid file (a member first started by someone else) by an exact command-line match. A
 * recycled pid is therefore never signalled, and the JDK checks the process start time again at
 * the moment of the signal.
 *
 * <p>Processes are started with {@code /usr/bin/setsid} in front when it exists, so that they run
 * in their own session and a signal to the executor's process group does not reach them.
 */
public final class ProcessDriver implements NodeDriver {

    /** How long {@link #forceKill} waits for a killed process to be gone. */
    public static final Duration DEFAULT_KILL_WAIT = Duration.ofSeconds(10);
    /** How long {@link #start} waits for the new process to run the node's command. */
    public static final Duration DEFAULT_START_CHECK = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(ProcessDriver.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final File NO_INPUT = new File("/dev/null");
    private static final long POLL_MILLIS = 10;

    private final ProcessFinder finder = new ProcessFinder();
    private final TempCleaner cleaner = new TempCleaner();
    private final Duration killWait;
    private final Duration startCheck;

    public ProcessDriver() {
        this(DEFAULT_KILL_WAIT, DEFAULT_START_CHECK);
    }

    /**
     * @param killWait   how long a force kill waits for the process to be gone
     * @param startCheck how long a start waits for the new process to run the node's command
     */
    public ProcessDriver(Duration killWait, Duration startCheck) {
        this.killWait = killWait;
        this.startCheck = startCheck;
    }

    @Override
    public boolean supports(NodeSpec node) {
        return node.control() instanceof ProcessControl;
    }

    @Override
    public NodeProcess inspect(NodeSpec node) {
        List<ProcessFinder.Found> found = finder.find(control(node));
        if (found.isEmpty()) {
            return NodeProcess.notRunning(node.id());
        }
        if (found.size() > 1) {
            LOG.warnf("node %s: %d processes run its command: %s", node.id(), found.size(),
                    found.stream().map(f -> f.handle().pid()).toList());
        }
        return NodeProcess.running(node.id(), found.get(0).handle().pid(), found.get(0).foundBy());
    }

    @Override
    public boolean stop(NodeSpec node, Duration grace) {
        return signal(node, false, grace);
    }

    @Override
    public boolean forceKill(NodeSpec node) {
        return signal(node, true, killWait);
    }

    @Override
    public int cleanTemp(NodeSpec node) {
        return cleaner.clean(node);
    }

    @Override
    public long start(NodeSpec node) {
        return start(node, control(node).command());
    }

    /**
     * Starts the node with {@code command} instead of its spec's command: the same executable, other arguments. The
     * command is recorded beside the pid file ({@link StartedCommand}), so that inspect, stop and kill find the
     * process until it is gone.
     */
    @Override
    public long startWith(NodeSpec node, List<String> command) {
        ProcessControl control = control(node);
        if (command.isEmpty() || !command.get(0).equals(control.command().get(0))) {
            throw new TargetException(Kind.LOCAL, "node " + node.id() + " may only be started with its own executable "
                    + control.command().get(0) + ", not " + (command.isEmpty() ? "nothing" : command.get(0)));
        }
        return start(node, List.copyOf(command));
    }

    private long start(NodeSpec node, List<String> command) {
        ProcessControl control = control(node);
        NodeProcess current = inspect(node);
        if (current.running()) {
            throw new TargetException(Kind.LOCAL, "node " + node.id() + " already runs as pid " + current.pid()
                    + "; not starting a second process");
        }
        Process process = launch(node, control, command);
        awaitCommand(node, control, command, process);
        StartedCommand started = new StartedCommand(Path.of(control.pidFile()));
        if (command.equals(control.command())) {
            started.delete();
        } else {
            started.write(command);
        }
        new PidFile(Path.of(control.pidFile())).write(process.pid());
        LOG.infof("node %s started as pid %d, output appended to %s", node.id(), process.pid(), control.logFile());
        return process.pid();
    }

    private boolean signal(NodeSpec node, boolean force, Duration wait) {
        ProcessControl control = control(node);
        List<ProcessHandle> processes = finder.find(control).stream().map(ProcessFinder.Found::handle).toList();
        for (ProcessHandle process : processes) {
            LOG.infof("node %s: sending %s to pid %d", node.id(), force ? "SIGKILL" : "SIGTERM", process.pid());
            boolean sent = force ? process.destroyForcibly() : process.destroy();
            if (!sent && process.isAlive()) {
                throw new TargetException(Kind.LOCAL, "cannot signal pid " + process.pid() + " of node " + node.id());
            }
        }
        boolean gone = awaitExit(processes, wait);
        if (gone) {
            new PidFile(Path.of(control.pidFile())).delete();
            new StartedCommand(Path.of(control.pidFile())).delete();
        }
        return gone;
    }

    @Override
    public String describeStart(NodeSpec node) {
        return describeStart(node, control(node).command());
    }

    @Override
    public String describeStart(NodeSpec node, List<String> command) {
        ProcessControl control = control(node);
        return "argv " + argv(command) + " in dir " + workingDir(node, control) + (control.env().isEmpty() ? ""
                : " with env " + new TreeSet<>(control.env().keySet())) + ", output appended to "
                + control.logFile();
    }

    @Override
    public List<Path> tempEntries(NodeSpec node) {
        return cleaner.entries(node);
    }

    /** The last lines of the node's {@code logFile}; none when it does not exist yet. */
    @Override
    public List<String> logTail(NodeSpec node, int lines) {
        return LogTail.of(Path.of(control(node).logFile()), lines);
    }

    /** The argument list a start runs: the command, behind setsid when the machine has it. */
    private static List<String> argv(List<String> command) {
        List<String> arguments = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            arguments.add(SETSID.toString());
        }
        arguments.addAll(command);
        return arguments;
    }

    private Process launch(NodeSpec node, ProcessControl control, List<String> command) {
        List<String> arguments = argv(command);
        Path logFile = Path.of(control.logFile());
        ProcessBuilder builder = new ProcessBuilder(arguments)
                .directory(workingDir(node, control).toFile())
                .redirectInput(Redirect.from(NO_INPUT))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(control.env());
        try {
            Files.createDirectories(logFile.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot start node " + node.id() + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the new process runs the node's command (after setsid's exec), or fails if it exited. */
    private void awaitCommand(NodeSpec node, ProcessControl control, List<String> command, Process process) {
        long deadline = System.nanoTime() + startCheck.toNanos();
        while (!ProcessFinder.runs(process.toHandle(), command)) {
            if (!process.isAlive()) {
                throw new TargetException(Kind.LOCAL, "node " + node.id() + " exited with status " + process.exitValue()
                        + " right after start; see " + control.logFile());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new TargetException(Kind.LOCAL, "node " + node.id() + ": pid " + process.pid()
                        + " did not run the node's command within " + startCheck + "; killed it");
            }
            pause(POLL_MILLIS);
        }
    }

    private static Path workingDir(NodeSpec node, ProcessControl control) {
        return control.workingDir() != null ? Path.of(control.workingDir()) : Path.of(node.dataDir()).getParent();
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle process : processes) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                process.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                if (process.isAlive()) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    private static ProcessControl control(NodeSpec node) {
        if (node.control() instanceof ProcessControl control) {
            return control;
        }
        throw new TargetException(Kind.LOCAL, "node " + node.id() + " is not controlled as a local process but by "
                + node.control().getClass().getSimpleName());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.LOCAL, "interrupted while starting a node", e);
        }
    }
}
