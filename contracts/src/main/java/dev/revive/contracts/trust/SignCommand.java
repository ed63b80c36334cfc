package dev.revive.contracts.trust;

import dev.revive.contracts.cluster.ClusterSpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.List;

/**
 * The operators' signing command ({@code scripts/revive-sign}):
 * {@code keygen <dir>} writes {@code revive-signing.key} (PKCS#8 PEM, mode 600) and {@code revive-signing.pub};
 * {@code sign --key <private key> <spec.yaml>...} writes {@code <spec.yaml>.sig} beside each spec.
 */
public final class SignCommand {

    /** The private key file {@code keygen} writes. */
    public static final String PRIVATE_FILE = "revive-signing.key";
    /** The public key file {@code keygen} writes. */
    public static final String PUBLIC_FILE = "revive-signing.pub";
    private static final String USAGE = "usage: revive-sign keygen <dir> | revive-sign sign --key <private key> <spec.yaml>..."
            + " | revive-sign removal --key <private key> <cluster id>";

    private SignCommand() {
    }

    /** Runs the command; exits 0 on success, 2 on bad usage, 1 on failure. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command with these arguments; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.size() == 2 && args.get(0).equals("keygen")) {
                KeyPair pair = keygen(Path.of(args.get(1)));
                out.println("key id " + SigningKeys.keyId(pair.getPublic()) + ": " + Path.of(args.get(1), PUBLIC_FILE));
                return 0;
            }
            if (args.size() >= 4 && args.get(0).equals("sign") && args.get(1).equals("--key")) {
                PrivateKey key = SigningKeys.privateKey(Files.readString(Path.of(args.get(2)), StandardCharsets.US_ASCII));
                for (String spec : args.subList(3, args.size())) {
                    out.println("signed " + DetachedSignature.sign(Path.of(spec), key));
                }
                return 0;
            }
            if (args.size() == 4 && args.get(0).equals("removal") && args.get(1).equals("--key")) {
                PrivateKey key = SigningKeys.privateKey(Files.readString(Path.of(args.get(2)), StandardCharsets.US_ASCII));
                String clusterId = args.get(3);
                out.println(SpecHeaders.KEY_ID + ":" + SigningKeys.keyId(SigningKeys.publicKeyOf(key)));
                out.println(SpecHeaders.SIGNATURE + ":" + SpecSignature.sign(key, SpecSignature.removalBytes(clusterId)));
                return 0;
            }
            err.println(USAGE);
            return 2;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | ClusterSpecException e) {
            err.println("revive-sign: " + e.getMessage());
            return 1;
        }
    }

    /** Writes a new key pair into {@code dir} (created if needed); the private key file is readable by its owner only. */
    public static KeyPair keygen(Path dir) throws IOException {
        Files.createDirectories(dir);
        KeyPair pair = SigningKeys.generate();
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Files.deleteIfExists(privateFile);
        Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(privateFile, SigningKeys.pem(pair.getPrivate()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(PUBLIC_FILE), SigningKeys.pem(pair.getPublic()), StandardCharsets.US_ASCII);
        return pair;
    }
}
