package dev.revive.targets.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLEAN_TEMP against a real Redis node: with the node stopped it removes Redis's temp files of an interrupted save or
 * rewrite and the temp dir's entries, keeping the AOF files, the manifest, {@code dump.rdb}, links and what they
 * point to; with the node running it refuses and removes nothing.
 */
class RedisCleanTempActionIT extends RedisActionFixture {

    @TempDir
    Path outside;

    @Test
    void aStoppedNodeLosesItsTempFilesAndKeepsItsAofAndDump() throws Exception {
        // given
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-clean", cluster, workDir);
        NodeSpec node = spec.node("r2").orElseThrow();
        cluster.stop("r2");
        Path data = Path.of(node.dataDir());
        Path aofDir = data.resolve(RedisLeftovers.AOF_DIR);
        List<Path> kept;
        try (Stream<Path> aof = Files.list(aofDir)) {
            kept = aof.toList();
        }
        assertThat(kept).anyMatch(file -> file.getFileName().toString().endsWith(".manifest"));
        Path dump = Files.writeString(data.resolve("dump.rdb"), "rdb");
        Path target = Files.writeString(outside.resolve("precious.rdb"), "keep");
        Path link = Files.createSymbolicLink(data.resolve("temp-7.rdb"), target);
        Path directory = Files.createDirectories(data.resolve("temp-8.rdb"));
        List<Path> leftovers = List.of(Files.writeString(data.resolve("temp-999999990.rdb"), "x"),
                Files.writeString(data.resolve("temp-1700000000.999999991.rdb"), "x"),
                Files.writeString(data.resolve("temp-rewriteaof-999999992.aof"), "x"),
                Files.writeString(aofDir.resolve("temp-rewriteaof-bg-999999993.aof"), "x"),
                Files.writeString(aofDir.resolve("temp-appendonly.aof.manifest"), "x"));
        Path tempEntry = Files.writeString(Files.createDirectories(Path.of(node.tempPaths().get(0)))
                .resolve("scratch"), "x");

        // when
        StepOutcome outcome = RedisSteps.handlers(redis).get(Action.CLEAN_TEMP)
                .execute(RedisSteps.step(spec, "plan-clean", Action.CLEAN_TEMP, "r2"));

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("removed 1 entries").contains(leftovers.get(0).toString());
        leftovers.forEach(file -> assertThat(file).doesNotExist());
        assertThat(tempEntry).doesNotExist();
        kept.forEach(file -> assertThat(file).exists());
        assertThat(dump).hasContent("rdb");
        assertThat(link).isSymbolicLink();
        assertThat(target).hasContent("keep");
        assertThat(directory).isDirectory();
    }

    @Test
    void aRunningNodeIsRefusedAndKeepsItsTempFiles() throws Exception {
        // given
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-clean-running", cluster, workDir);
        Path leftover = Files.writeString(Path.of(spec.node("r3").orElseThrow().dataDir()).resolve("temp-99.rdb"),
                "x");

        // when
        StepOutcome outcome = RedisSteps.handlers(redis).get(Action.CLEAN_TEMP)
                .execute(RedisSteps.step(spec, "plan-clean-running", Action.CLEAN_TEMP, "r3"));

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail()).contains("refusing");
        assertThat(leftover).exists();
    }
}
