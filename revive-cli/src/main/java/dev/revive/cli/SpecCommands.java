package dev.revive.cli;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.ClusterSpecException;
import dev.revive.contracts.cluster.ClusterSpecLoader;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.DetachedSignature;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code revive apply} and {@code revive sign}: cluster specs, validated and signed like the detector's. */
final class SpecCommands {

    /** The CloudEvent source of what the CLI publishes. */
    static final String SOURCE = "/revive/cli";

    private SpecCommands() {
    }

    /** {@code revive apply -f spec.yaml [--key K]}. */
    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Validates a cluster spec, signs it (with --key; else its x.yaml.sig must exist) and publishes"
                    + " it to revive.clusters: the detector starts probing it and the planner, executor and verifier"
                    + " use it, without a restart. Services refuse a spec no key they trust signed (UNTRUSTED_SPEC)."},
            footerHeading = "%nExamples:%n",
            footer = {"  revive apply -f etcd-prod.yaml --key ~/.revive/revive-signing.key",
                "  revive apply -f etcd-prod.yaml          # signed before with revive sign"})
    static final class Apply implements Callable<Integer> {

        @ParentCommand
        Revive revive;
        @Mixin
        Connection connection;
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "The spec (YAML).")
        Path file;
        @Option(names = "--key", paramLabel = "FILE", description = "The operator's private key (PEM); writes SPEC.sig.")
        Path key;

        @Override
        public Integer call() {
            SignedSpec signed = signed(file, key);
            ClusterSpec spec = signed.spec();
            ProducerRecord<byte[], byte[]> record = EventRecords.of(Topics.CLUSTERS, spec.id(), spec, SOURCE,
                    Instant.now());
            SpecHeaders.write(record.headers(), signed);
            RecordMetadata metadata = connection.kafka().send(record);
            if (connection.json) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("clusterId", spec.id());
                answer.put("kind", spec.kind());
                answer.put("nodes", spec.nodes().stream().map(NodeSpec::id).toList());
                answer.put("keyId", signed.keyId());
                answer.put("topic", metadata.topic());
                answer.put("partition", metadata.partition());
                answer.put("offset", metadata.offset());
                revive.json(answer);
            } else {
                revive.out.printf("cluster %s (%s, nodes %s) signed by key %s, published to %s@%d%n", spec.id(),
                        spec.kind(), spec.nodes().stream().map(NodeSpec::id).toList(), signed.keyId(),
                        metadata.topic(), metadata.offset());
            }
            return Exit.OK;
        }
    }

    /** {@code revive sign -f spec.yaml --key K}. */
    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Validates a cluster spec and writes its detached signature SPEC.sig (like scripts/revive-sign).",
            footerHeading = "%nExamples:%n",
            footer = "  revive sign -f etcd-prod.yaml --key ~/.revive/revive-signing.key")
    static final class Sign implements Callable<Integer> {

        @ParentCommand
        Revive revive;
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "The spec (YAML).")
        Path file;
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The operator's private key (PEM).")
        Path key;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            SignedSpec signed = signed(file, key);
            Path signature = DetachedSignature.fileOf(file);
            if (json) {
                revive.json(Map.of("clusterId", signed.spec().id(), "keyId", signed.keyId(), "signature",
                        signature.toString()));
            } else {
                revive.out.printf("signed %s with key %s: %s%n", signed.spec().id(), signed.keyId(), signature);
            }
            return Exit.OK;
        }
    }

    /** The spec of {@code file}, signed with {@code key} (writing its .sig) or with its existing .sig. */
    static SignedSpec signed(Path file, Path key) {
        try {
            ClusterSpec spec = ClusterSpecLoader.load(file);
            if (key != null) {
                PrivateKey privateKey = SigningKeys.privateKey(Files.readString(key, StandardCharsets.US_ASCII));
                DetachedSignature.sign(file, privateKey);
            }
            DetachedSignature signature = DetachedSignature.read(file).orElseThrow(() -> new Exit.Failure(Exit.FAILED,
                    file + " is not signed: no valid " + DetachedSignature.fileOf(file) + " (pass --key)"));
            return signature.attach(spec);
        } catch (ClusterSpecException e) {
            throw new Exit.Failure(Exit.FAILED, "invalid spec: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new Exit.Failure(Exit.FAILED, "cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new Exit.Failure(Exit.FAILED, "not a private key: " + key + ": " + e.getMessage(), e);
        }
    }
}
