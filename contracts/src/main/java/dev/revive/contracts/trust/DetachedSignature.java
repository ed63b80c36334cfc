package dev.revive.contracts.trust;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.ClusterSpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * The detached signature of a spec file: {@code x.yaml.sig} beside {@code x.yaml}, one line
 * {@code <key id> <base64 signature>}, signing the canonical JSON of the parsed spec (so comments and
 * formatting of the YAML may change without re-signing, the meaning may not).
 *
 * @param keyId     the signing key's id
 * @param signature the base64 Ed25519 signature
 */
public record DetachedSignature(String keyId, String signature) {

    /** The suffix of signature files. */
    public static final String SUFFIX = ".sig";

    /** The signature file of a spec file. */
    public static Path fileOf(Path specFile) {
        return specFile.resolveSibling(specFile.getFileName() + SUFFIX);
    }

    /** Parses a spec file and writes its signature file beside it; returns the signature file. */
    public static Path sign(Path specFile, PrivateKey key) {
        SignedSpec signed = SignedSpec.sign(ClusterSpecLoader.load(specFile), key);
        Path file = fileOf(specFile);
        try {
            Files.writeString(file, signed.keyId() + " " + signed.signature() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The signature file of a spec file, or empty when there is none or it is not one line of two words. */
    public static Optional<DetachedSignature> read(Path specFile) {
        Path file = fileOf(specFile);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String[] words = text.split("\\s+");
        return words.length == 2 ? Optional.of(new DetachedSignature(words[0], words[1])) : Optional.empty();
    }

    /** Whether this is a trusted key's signature of the spec's canonical JSON. */
    public TrustedKeys.Verification verify(ClusterSpec spec, TrustedKeys trusted) {
        return trusted.verify(SpecSignature.canonicalBytes(spec), signature, keyId);
    }

    /** The spec with this signature, for publishing. */
    public SignedSpec attach(ClusterSpec spec) {
        return new SignedSpec(spec, SpecSignature.canonicalBytes(spec), keyId, signature);
    }
}
