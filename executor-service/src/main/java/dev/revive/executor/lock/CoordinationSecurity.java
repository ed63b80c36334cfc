package dev.revive.executor.lock;

import java.util.Optional;

/**
 * How the executor authenticates to the coordination etcd: TLS (a CA, a client certificate and its PKCS#8 key)
 * and a user whose password is read from a file, never given inline. Every field may be null.
 *
 * @param caFile       PEM file of the CA that signed the coordination etcd's server certificates
 * @param certFile     PEM file of the client certificate; set together with {@code keyFile}
 * @param keyFile      PKCS#8 PEM file of its key
 * @param username     the etcd user; set together with {@code passwordFile}
 * @param passwordFile file whose first line is the user's password
 */
public record CoordinationSecurity(String caFile, String certFile, String keyFile, String username,
        String passwordFile) {

    /** Plain connections, no user. */
    public static final CoordinationSecurity NONE = new CoordinationSecurity(null, null, null, null, null);

    public CoordinationSecurity {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("the coordination etcd's cert-file and key-file go together");
        }
        if ((username == null) != (passwordFile == null)) {
            throw new IllegalArgumentException("the coordination etcd's username and password-file go together");
        }
    }

    /** From optional config values. */
    public static CoordinationSecurity of(Optional<String> caFile, Optional<String> certFile, Optional<String> keyFile,
            Optional<String> username, Optional<String> passwordFile) {
        return new CoordinationSecurity(caFile.orElse(null), certFile.orElse(null), keyFile.orElse(null),
                username.orElse(null), passwordFile.orElse(null));
    }
}
