package dev.revive.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Resident set sizes (VmRSS from /proc) of the processes of a stack, for the benchmark. */
final class ResidentMemory {

    private ResidentMemory() {
    }

    /**
     * One line per process: the four services, this JVM (broker and launcher), the etcd members and, when the
     * stack has them, the ZooKeeper servers.
     */
    static List<String> of(ReviveStack stack) {
        List<String> lines = new ArrayList<>();
        lines.add("resident memory (VmRSS):");
        stack.services().forEach(service -> lines.add(line(service.name() + "-service", service.pid())));
        lines.add(line("launcher JVM with the KRaft broker", ProcessHandle.current().pid()));
        stack.target().members().forEach(member -> member.pid().ifPresent(pid -> lines.add(line("etcd " + member.name(), pid))));
        if (stack.zookeeper() != null) {
            stack.zookeeper().nodes().forEach(node -> node.pid()
                    .ifPresent(pid -> lines.add(line("zookeeper " + node.name(), pid))));
        }
        return lines;
    }

    private static String line(String name, long pid) {
        OptionalLong kib = rssKib(pid);
        return String.format("  %-38s %s", name, kib.isPresent() ? kib.getAsLong() / 1024 + " MiB" : "n/a");
    }

    private static OptionalLong rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
