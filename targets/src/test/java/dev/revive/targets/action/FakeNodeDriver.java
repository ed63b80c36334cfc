package dev.revive.targets.action;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A node driver over an in-memory process table; records every verb it is asked for. */
final class FakeNodeDriver implements NodeDriver {

    final Map<String, Long> running = new HashMap<>();
    final Set<String> ignoreTerm = new HashSet<>();
    final Map<String, Integer> tempEntries = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    private long nextPid = 1000;

    void runs(String nodeId) {
        running.put(nodeId, nextPid++);
    }

    @Override
    public boolean supports(NodeSpec node) {
        return node.control() instanceof ProcessControl;
    }

    @Override
    public NodeProcess inspect(NodeSpec node) {
        Long pid = running.get(node.id());
        return pid == null ? NodeProcess.notRunning(node.id())
                : NodeProcess.running(node.id(), pid, NodeProcess.FoundBy.PID_FILE);
    }

    @Override
    public boolean stop(NodeSpec node, Duration grace) {
        calls.add("stop " + node.id() + " " + grace);
        if (!ignoreTerm.contains(node.id())) {
            running.remove(node.id());
        }
        return !running.containsKey(node.id());
    }

    @Override
    public boolean forceKill(NodeSpec node) {
        calls.add("kill " + node.id());
        running.remove(node.id());
        return true;
    }

    @Override
    public int cleanTemp(NodeSpec node) {
        calls.add("clean " + node.id());
        Integer entries = tempEntries.remove(node.id());
        return entries == null ? 0 : entries;
    }

    @Override
    public String describeStart(NodeSpec node) {
        return "argv " + ((ProcessControl) node.control()).command() + " in dir " + Path.of(node.dataDir()).getParent();
    }

    @Override
    public List<Path> tempEntries(NodeSpec node) {
        int entries = tempEntries.getOrDefault(node.id(), 0);
        return java.util.stream.IntStream.range(0, entries)
                .mapToObj(i -> Path.of(node.tempPaths().get(0), "entry-" + i)).toList();
    }

    @Override
    public long start(NodeSpec node) {
        calls.add("start " + node.id());
        runs(node.id());
        return running.get(node.id());
    }
}
