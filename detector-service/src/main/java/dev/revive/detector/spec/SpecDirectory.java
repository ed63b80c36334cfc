package dev.revive.detector.spec;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.ClusterSpecException;
import dev.revive.contracts.cluster.ClusterSpecLoader;
import dev.revive.contracts.trust.DetachedSignature;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads every {@code *.yaml} / {@code *.yml} spec of a directory, file by file: a bad file is
 * rejected with its field and reason, and the good ones still load. A spec must be signed: its
 * detached signature {@code x.yaml.sig} ({@link DetachedSignature}) must verify against a trusted
 * operator key, or the file is rejected (field {@code signature}) and never probed or published.
 */
public final class SpecDirectory {

    /**
     * A file that was not loaded.
     *
     * @param file   the file
     * @param field  the offending field as a dotted path, {@code $} for the file as a whole
     * @param detail what is wrong
     */
    public record Rejected(Path file, String field, String detail) {
    }

    /**
     * What a directory held.
     *
     * @param signed   the valid, signed specs, in file name order
     * @param rejected the files that were skipped
     */
    public record Loaded(List<SignedSpec> signed, List<Rejected> rejected) {

        public Loaded {
            signed = List.copyOf(signed);
            rejected = List.copyOf(rejected);
        }

        /** The valid specs, in file name order. */
        public List<ClusterSpec> specs() {
            return signed.stream().map(SignedSpec::spec).toList();
        }
    }

    /** The field of a rejection for a missing or bad signature. */
    public static final String SIGNATURE = "signature";

    private SpecDirectory() {
    }

    /**
     * Loads the signed specs of {@code directory}; a later file that repeats a cluster id is rejected.
     *
     * @param trusted the operators' keys a spec's signature must verify against
     * @throws ClusterSpecException when the directory itself cannot be listed
     */
    public static Loaded load(Path directory, TrustedKeys trusted) {
        List<SignedSpec> specs = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : yamlFiles(directory)) {
            try {
                ClusterSpec spec = ClusterSpecLoader.load(file);
                Optional<DetachedSignature> signature = DetachedSignature.read(file);
                if (signature.isEmpty()) {
                    rejected.add(new Rejected(file, SIGNATURE, "unsigned: no valid " + DetachedSignature.fileOf(file)
                            + " (sign it with scripts/revive-sign)"));
                    continue;
                }
                TrustedKeys.Verification verification = signature.get().verify(spec, trusted);
                if (!verification.trusted()) {
                    rejected.add(new Rejected(file, SIGNATURE, "untrusted: " + verification.reason()));
                    continue;
                }
                Path earlier = seen.putIfAbsent(spec.id(), file);
                if (earlier == null) {
                    specs.add(signature.get().attach(spec));
                } else {
                    rejected.add(new Rejected(file, "id", "'" + spec.id() + "' is already defined in " + earlier));
                }
            } catch (ClusterSpecException e) {
                rejected.add(new Rejected(file, e.field(), detail(e)));
            }
        }
        return new Loaded(specs, rejected);
    }

    private static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(SpecDirectory::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new ClusterSpecException(directory, "$", "cannot be listed: " + e, e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static String detail(ClusterSpecException e) {
        String prefix = e.file() + ": " + e.field() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
