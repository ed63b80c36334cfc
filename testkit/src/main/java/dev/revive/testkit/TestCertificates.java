package dev.revive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI for TLS tests, made with {@code openssl} (argument lists, no shell) in a directory: a CA, a
 * server certificate for {@code 127.0.0.1}/{@code localhost} and a client certificate, all signed by the CA,
 * valid for two days. Keys are P-256 in PKCS#8 PEM, which both netty (jetcd) and Go (etcd) read.
 *
 * @param caFile     the CA certificate
 * @param serverCert the server certificate (IP SAN 127.0.0.1, serverAuth and clientAuth)
 * @param serverKey  its key
 * @param clientCert the client certificate (CN {@code revive-client}, clientAuth)
 * @param clientKey  its key
 */
public record TestCertificates(Path caFile, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    private static final long OPENSSL_TIMEOUT_SECONDS = 30;

    /** Generates the CA and both certificates in {@code directory}. */
    public static TestCertificates generate(Path directory) {
        try {
            Files.createDirectories(directory);
            Path caKey = key(directory, "ca");
            Path ca = directory.resolve("ca.pem");
            openssl(directory, "req", "-x509", "-new", "-key", caKey.toString(), "-out", ca.toString(), "-days", "2",
                    "-subj", "/CN=revive-test-ca", "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            Path serverKey = key(directory, "server");
            Path server = sign(directory, "server", serverKey, ca, caKey,
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
            Path clientKey = key(directory, "client");
            Path client = sign(directory, "client", clientKey, ca, caKey, "extendedKeyUsage=clientAuth\n");
            return new TestCertificates(ca, server, serverKey, client, clientKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write certificates to " + directory, e);
        }
    }

    private static Path key(Path directory, String name) {
        Path key = directory.resolve(name + ".key");
        openssl(directory, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                key.toString());
        return key;
    }

    private static Path sign(Path directory, String name, Path key, Path ca, Path caKey, String extensions)
            throws IOException {
        Path csr = directory.resolve(name + ".csr");
        Path ext = Files.writeString(directory.resolve(name + ".ext"), extensions);
        Path cert = directory.resolve(name + ".pem");
        openssl(directory, "req", "-new", "-key", key.toString(), "-out", csr.toString(), "-subj",
                "/CN=revive-" + name);
        openssl(directory, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
        return cert;
    }

    private static void openssl(Path directory, String... arguments) {
        List<String> argv = new ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(arguments));
        Path log = directory.resolve("openssl.log");
        try {
            Process process = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl " + arguments[0] + " did not finish; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", arguments) + " exited "
                        + process.exitValue() + ": " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl (install the Debian package openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }
}
