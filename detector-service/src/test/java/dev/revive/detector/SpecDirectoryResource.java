package dev.revive.detector;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.DetectionSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.LogRule;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.ResourceLimits;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.trust.DetachedSignature;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.testkit.EtcdClusterResource;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.TestSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real etcd cluster (from testkit) plus a spec directory describing it (each member's log file
 * followed with one log rule, signed with the test key), handed to the application as
 * {@code revive.detector.specs-dir}. The directory also holds a broken spec, an unsigned one and one signed by an
 * untrusted key, which the application must skip.
 */
public class SpecDirectoryResource extends EtcdClusterResource {

    /** The id of the cluster the spec describes. */
    public static final String CLUSTER_ID = "it-etcd";
    /** The one log rule of the spec: two "Too many open files" lines within a minute. */
    public static final LogRule TOO_MANY_OPEN_FILES = new LogRule("too-many-open-files", "Too many open files",
            FaultKind.LOG_ERROR, 2, Duration.ofMinutes(1));
    /** Thresholds no member reaches, so that resource faults never interfere with the probe tests. */
    private static final ResourceLimits UNREACHABLE_LIMITS = new ResourceLimits(100_000, null, 0, null, 100, null, 100,
            null, 100, 3_600_000, null, 100, null, 1, null);
    /** The file the application must skip: its only node has an invalid id. */
    public static final String BROKEN_FILE = "zz-broken.yaml";

    private static final String BROKEN_SPEC = """
            id: broken
            kind: etcd
            nodes:
              - id: "m 0"
                endpoints: {client: "http://127.0.0.1:1"}
                control: {driver: process, command: [/usr/bin/etcd], pidFile: /tmp/m0.pid, logFile: /tmp/m0.log}
                dataDir: /tmp/m0.etcd
            backup: {directory: /tmp/backups}
            """;
    /** A valid spec without a signature file: the application must refuse it. */
    public static final String UNSIGNED_ID = "unsigned";
    /** A valid spec signed by a key the application does not trust: the application must refuse it. */
    public static final String FORGED_ID = "forged";

    private static final YAMLMapper YAML = Json.configure(new YAMLMapper());

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Path specs = cluster().directory().resolve("specs");
        try {
            Files.createDirectories(specs);
            Path signed = specs.resolve(CLUSTER_ID + ".yaml");
            YAML.writeValue(signed.toFile(), describe(cluster().members()));
            DetachedSignature.sign(signed, TestSigningKey.privateKey());
            Files.writeString(specs.resolve(BROKEN_FILE), BROKEN_SPEC);
            Files.writeString(specs.resolve(UNSIGNED_ID + ".yaml"),
                    BROKEN_SPEC.replace("id: broken", "id: " + UNSIGNED_ID).replace("\"m 0\"", "m0"));
            Path forged = specs.resolve(FORGED_ID + ".yaml");
            Files.writeString(forged, BROKEN_SPEC.replace("id: broken", "id: " + FORGED_ID).replace("\"m 0\"", "m0"));
            DetachedSignature.sign(forged, SigningKeys.generate().getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("revive.detector.specs-dir", specs.toString());
        return config;
    }

    private ClusterSpec describe(List<EtcdMember> members) {
        Path work = cluster().directory().resolve("work");
        List<NodeSpec> nodes = members.stream().map(member -> node(member, work)).toList();
        return new ClusterSpec(CLUSTER_ID, SystemKind.ETCD, nodes, Policy.defaults(),
                new BackupLocation(work.resolve("backups").toString()), List.of(),
                new DetectionSpec(List.of(TOO_MANY_OPEN_FILES), UNREACHABLE_LIMITS));
    }

    private static NodeSpec node(EtcdMember member, Path work) {
        ProcessControl control = new ProcessControl(member.command(), null, Map.of(),
                work.resolve(member.name() + ".pid").toString(), member.logFile().toString(), Duration.ofSeconds(5));
        return new NodeSpec(member.name(), NodeRole.MEMBER, new Endpoints(member.clientUrl(), member.peerUrl()),
                control, member.dataDir().toString(), List.of(member.logFile().toString()), List.of());
    }
}
