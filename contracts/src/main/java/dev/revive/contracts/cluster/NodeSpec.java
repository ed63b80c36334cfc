package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.nio.file.Path;
import java.util.List;

/**
 * One node of a cluster.
 *
 * @param id        the node id (for etcd: the member name)
 * @param role      its configured role
 * @param endpoints where it answers
 * @param control   how its process is controlled
 * @param dataDir   its data directory, which no step ever deletes
 * @param logPaths  log files a detector scans
 * @param tempPaths directories CLEAN_TEMP empties; none may contain or lie inside the data dir
 */
public record NodeSpec(
        String id, NodeRole role, Endpoints endpoints, ControlSpec control, String dataDir, List<String> logPaths,
        List<String> tempPaths) {

    public NodeSpec {
        Check.id("id", id);
        role = role == null ? NodeRole.MEMBER : role;
        Check.required("endpoints", endpoints);
        Check.required("control", control);
        Check.absolutePath("dataDir", dataDir);
        logPaths = Check.list("logPaths", logPaths, Check::absolutePath);
        tempPaths = Check.list("tempPaths", tempPaths, Check::absolutePath);
        for (int i = 0; i < tempPaths.size(); i++) {
            Path temp = Path.of(tempPaths.get(i));
            Path data = Path.of(dataDir);
            if (data.startsWith(temp) || temp.startsWith(data)) {
                throw new ContractViolation("tempPaths[" + i + "]", Reason.INVALID_VALUE, "'" + temp
                        + "' overlaps the data dir '" + data + "'; cleaning it would delete data");
            }
        }
    }
}
