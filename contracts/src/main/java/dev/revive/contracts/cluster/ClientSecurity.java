package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;

/**
 * How Revive authenticates to a cluster's client endpoints: TLS and a user, each secret by reference to a file
 * on the host of the service that connects (never inline, so that a spec on {@code revive.clusters} carries no
 * secret). Kind-agnostic: each kind's plug-in uses what its client supports. Every field is optional.
 *
 * @param caFile       PEM file of the CA that signed the nodes' server certificates; set it for {@code https}
 * @param certFile     PEM file of the client certificate, for clusters that require one; needs {@code keyFile}
 * @param keyFile      PKCS#8 PEM file of the client certificate's private key; needs {@code certFile}
 * @param usernameFile file holding the user name (first line); needs {@code passwordFile}
 * @param passwordFile file holding the password (first line); needs {@code usernameFile}
 */
public record ClientSecurity(String caFile, String certFile, String keyFile, String usernameFile,
        String passwordFile) {

    public ClientSecurity {
        Check.optionalPath("caFile", caFile);
        Check.optionalPath("certFile", certFile);
        Check.optionalPath("keyFile", keyFile);
        Check.optionalPath("usernameFile", usernameFile);
        Check.optionalPath("passwordFile", passwordFile);
        pair("certFile", certFile, "keyFile", keyFile);
        pair("usernameFile", usernameFile, "passwordFile", passwordFile);
    }

    /** True when the client certificate and key are set. */
    public boolean hasClientCertificate() {
        return certFile != null;
    }

    /** True when a user and password are set. */
    public boolean hasUser() {
        return usernameFile != null;
    }

    private static void pair(String field, String value, String other, String otherValue) {
        if ((value == null) != (otherValue == null)) {
            String missing = value == null ? field : other;
            throw new ContractViolation(missing, Reason.MISSING_FIELD,
                    "is required together with " + (value == null ? other : field));
        }
    }
}
