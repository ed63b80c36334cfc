package dev.revive.targets.security;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.ClientBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The one place that applies client security to a jetcd client: TLS (a CA to trust, a client certificate and its
 * PKCS#8 key) and a user whose password is read from a file. Used for target etcd clusters (from the spec's
 * {@link ClientSecurity}) and for Revive's own coordination etcd (from the executor's config). Secrets are read
 * when a client is built and never logged; an unreadable file or a bad certificate is a {@link Kind#LOCAL} error.
 */
public final class JetcdSecurity {

    private JetcdSecurity() {
    }

    /** Applies a spec's security to {@code builder}; null means a plain connection. */
    public static ClientBuilder apply(ClientBuilder builder, ClientSecurity security) {
        if (security == null) {
            return builder;
        }
        String username = security.hasUser() ? firstLine("username", security.usernameFile()) : null;
        return apply(builder, security.caFile(), security.certFile(), security.keyFile(), username,
                security.passwordFile());
    }

    /**
     * Applies TLS when {@code caFile} is set (with a client certificate when {@code certFile} and {@code keyFile}
     * are), and the user when {@code username} is set (its password read from {@code passwordFile}). Null
     * arguments are left out.
     */
    public static ClientBuilder apply(ClientBuilder builder, String caFile, String certFile, String keyFile,
            String username, String passwordFile) {
        if (caFile != null || certFile != null) {
            tls(builder, caFile, certFile, keyFile);
        }
        if (username != null) {
            if (passwordFile == null) {
                throw new TargetException(Kind.LOCAL, "user " + username + " needs a password file");
            }
            builder.user(ByteSequence.from(username, StandardCharsets.UTF_8))
                    .password(ByteSequence.from(firstLine("password", passwordFile), StandardCharsets.UTF_8));
        }
        return builder;
    }

    private static void tls(ClientBuilder builder, String caFile, String certFile, String keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new TargetException(Kind.LOCAL, "a client certificate needs both a certificate and a key file");
        }
        try {
            builder.sslContext(ssl -> {
                if (caFile != null) {
                    ssl.trustManager(readable("CA", caFile));
                }
                if (certFile != null) {
                    ssl.keyManager(readable("client certificate", certFile), readable("client key", keyFile));
                }
            });
        } catch (SSLException | IllegalArgumentException e) {
            throw new TargetException(Kind.LOCAL, "cannot build TLS settings from " + caFile + ", " + certFile + ", "
                    + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static File readable(String what, String file) {
        if (!Files.isReadable(Path.of(file))) {
            throw new TargetException(Kind.LOCAL, "the " + what + " file " + file + " cannot be read");
        }
        return new File(file);
    }

    /** The first line of a secret file, without its line break; the content never goes into a message. */
    /** The first line of a credentials file ({@code what}: username, password), which must not be empty. */
    public static String firstLine(String what, String file) {
        try {
            String line = Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (line.isEmpty()) {
                throw new TargetException(Kind.LOCAL, "the " + what + " file " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "the " + what + " file " + file + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
