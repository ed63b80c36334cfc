package dev.revive.targets.redis;

import java.util.Map;

/**
 * What one Redis node says of its persistence (INFO persistence).
 *
 * @param loading              it is loading its dataset from disk and does not serve yet
 * @param aofRewriteInProgress an AOF rewrite runs
 * @param aofLastWriteStatus   {@code ok} or {@code err} for the last AOF write (null without AOF)
 */
public record PersistenceInfo(boolean loading, boolean aofRewriteInProgress, String aofLastWriteStatus) {

    /** Parses INFO text holding the persistence section. */
    public static PersistenceInfo parse(String info) {
        Map<String, String> fields = InfoText.fields(info);
        return new PersistenceInfo(InfoText.number(fields, "loading", 0) == 1,
                InfoText.number(fields, "aof_rewrite_in_progress", 0) == 1, fields.get("aof_last_write_status"));
    }

    /** True when the last AOF write failed (a full disk, an I/O error). */
    public boolean aofWriteFailed() {
        return "err".equals(aofLastWriteStatus);
    }
}
