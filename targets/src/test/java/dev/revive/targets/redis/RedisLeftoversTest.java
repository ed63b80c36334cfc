package dev.revive.targets.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which file names are Redis's temp leftovers: the debris of a save, a rewrite or a sync, never the data files. */
class RedisLeftoversTest {

    @Test
    void theTempFilesOfASaveARewriteAndAManifestAreLeftovers() {
        assertThat(RedisLeftovers.isLeftover("temp-4242.rdb")).isTrue();
        assertThat(RedisLeftovers.isLeftover("temp-1700000000.4242.rdb")).isTrue();
        assertThat(RedisLeftovers.isLeftover("temp-rewriteaof-4242.aof")).isTrue();
        assertThat(RedisLeftovers.isLeftover("temp-rewriteaof-bg-4242.aof")).isTrue();
        assertThat(RedisLeftovers.isLeftover("temp-appendonly.aof.manifest")).isTrue();
        assertThat(RedisLeftovers.isLeftover("temp-appendonly.aof.incr")).isTrue();
    }

    @Test
    void theAofFilesTheManifestAndTheDumpAreNot() {
        assertThat(RedisLeftovers.isLeftover("dump.rdb")).isFalse();
        assertThat(RedisLeftovers.isLeftover("appendonly.aof.1.base.rdb")).isFalse();
        assertThat(RedisLeftovers.isLeftover("appendonly.aof.1.incr.aof")).isFalse();
        assertThat(RedisLeftovers.isLeftover("appendonly.aof.manifest")).isFalse();
        assertThat(RedisLeftovers.isLeftover("temp-notes.txt")).isFalse();
    }

    @Test
    void aTempFileWhoseWriterStillRunsIsNotALeftoverYet() {
        long running = ProcessHandle.current().pid();

        assertThat(RedisLeftovers.writerRuns("temp-" + running + ".rdb")).isTrue();
        assertThat(RedisLeftovers.writerRuns("temp-1700000000." + running + ".rdb")).isTrue();
        assertThat(RedisLeftovers.writerRuns("temp-rewriteaof-bg-" + running + ".aof")).isTrue();
        assertThat(RedisLeftovers.writerRuns("temp-999999990.rdb")).isFalse();
        assertThat(RedisLeftovers.writerRuns("temp-appendonly.aof.manifest")).isFalse();
    }
}
