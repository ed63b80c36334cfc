package dev.revive.contracts.trust;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;

/**
 * The operators' public keys a service trusts, by key id; several at once, so that a key can be rotated
 * (trust the new key, re-sign, then drop the old one). Every reader of {@code revive.clusters} checks a
 * record with {@link #requireTrusted} before using it.
 */
public final class TrustedKeys {

    /** The config key listing the trusted keys (file paths, directories of {@code *.pub} files, or base64). */
    public static final String CONFIG_KEY = "revive.trust.public-keys";

    private final Map<String, PublicKey> keys;

    private TrustedKeys(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** Trusts exactly these keys. */
    public static TrustedKeys of(Collection<PublicKey> keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        keys.forEach(key -> byId.put(SigningKeys.keyId(key), key));
        return new TrustedKeys(byId);
    }

    /**
     * Loads keys from config entries: each is a PEM/base64 key file, a directory whose {@code *.pub} files
     * are keys, or the base64 of a key itself. No key at all is an error: a service that trusts nobody
     * could never use a spec, so it refuses to start instead of running blind.
     */
    public static TrustedKeys load(Collection<String> entries) {
        List<PublicKey> keys = entries.stream().map(String::strip).filter(entry -> !entry.isEmpty())
                .flatMap(TrustedKeys::keysOf).toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(CONFIG_KEY + " names no public key: configure at least one");
        }
        return of(keys);
    }

    private static Stream<PublicKey> keysOf(String entry) {
        Path path = pathOrNull(entry);
        if (path == null) {
            try {
                return Stream.of(SigningKeys.publicKey(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CONFIG_KEY + ": an entry is neither an existing file or directory"
                        + " nor a base64 Ed25519 public key: " + e.getMessage(), e);
            }
        }
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    return files.filter(file -> file.getFileName().toString().endsWith(".pub")).sorted()
                            .map(TrustedKeys::read).toList().stream();
                }
            }
            return Stream.of(read(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list trusted keys in " + path, e);
        }
    }

    private static Path pathOrNull(String entry) {
        try {
            Path path = Path.of(entry);
            return Files.exists(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static PublicKey read(Path file) {
        try {
            return SigningKeys.publicKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted key " + file, e);
        }
    }

    /** The ids of the trusted keys. */
    public Set<String> ids() {
        return keys.keySet();
    }

    /** Whether {@code signature} (base64) by the key {@code keyId} signs exactly {@code bytes}. */
    public Verification verify(byte[] bytes, String signature, String keyId) {
        if (signature == null || signature.isBlank()) {
            return Verification.untrusted("unsigned: no " + SpecHeaders.SIGNATURE);
        }
        if (keyId == null || keyId.isBlank()) {
            return Verification.untrusted("no " + SpecHeaders.KEY_ID);
        }
        PublicKey key = keys.get(keyId);
        if (key == null) {
            return Verification.untrusted("key " + keyId + " is not trusted");
        }
        if (bytes == null || !SpecSignature.verify(key, bytes, signature)) {
            return Verification.untrusted("the signature by key " + keyId + " does not match the spec");
        }
        return Verification.trusted(keyId);
    }

    /**
     * Checks the signature headers of a {@code revive.clusters} record against its value bytes.
     *
     * @throws InvalidEventException with {@link RejectReason#UNTRUSTED_SPEC} when unsigned or badly signed
     */
    public void requireTrusted(Headers headers, byte[] value) {
        Verification verification = verify(value, SpecHeaders.value(headers, SpecHeaders.SIGNATURE),
                SpecHeaders.value(headers, SpecHeaders.KEY_ID));
        if (!verification.trusted()) {
            throw new InvalidEventException(RejectReason.UNTRUSTED_SPEC, SpecHeaders.SIGNATURE, verification.reason());
        }
    }

    /**
     * Checks the signature headers of a tombstone on {@code revive.clusters}: an unsigned tombstone would let anyone
     * who can write the topic unregister a cluster, so it must be signed over {@link SpecSignature#removalBytes}.
     *
     * @throws InvalidEventException with {@link RejectReason#UNTRUSTED_SPEC} when unsigned or badly signed
     */
    public void requireTrustedRemoval(Headers headers, String clusterId) {
        requireTrusted(headers, SpecSignature.removalBytes(clusterId));
    }

    /**
     * The result of checking a signature.
     *
     * @param trusted whether a trusted key signed exactly these bytes
     * @param reason  the signing key id when trusted, otherwise why not
     */
    public record Verification(boolean trusted, String reason) {
        static Verification trusted(String keyId) {
            return new Verification(true, "signed by " + keyId);
        }

        static Verification untrusted(String reason) {
            return new Verification(false, reason);
        }
    }
}
