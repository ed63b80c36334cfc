package dev.revive.testkit;

import dev.revive.contracts.kafka.TopicOwners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The security of a {@link KafkaBroker#startSecure() secure} test broker: a SASL_SSL listener (SCRAM-SHA-512 over
 * TLS with PEM material from {@link TestCertificates}), one SCRAM user per principal of {@link TopicOwners} (the
 * services and the operator's tools, {@code cli} and {@code console}), the super user {@value #ADMIN} and one
 * {@value #INTRUDER} without any ACL, each with a random password written at format time; the standard authorizer
 * with no allow-if-no-ACL, and the ACLs of {@link TopicOwners}.
 *
 * <p>The controller listener stays plain text on loopback, as on the plain broker; its only peer is the broker
 * itself, as {@code User:ANONYMOUS}, which is therefore a super user (the clients' listener never yields it).
 */
public final class KafkaSecurity {

    /** The super user's name. */
    public static final String ADMIN = "admin";
    /** A principal that exists but has no ACL at all. */
    public static final String INTRUDER = "intruder";
    /** The SASL mechanism of every client. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    static final String LISTENER = "SASL_SSL";

    private final TestCertificates certificates;
    private final Path serverKeystore;
    private final Map<String, String> passwords;

    private KafkaSecurity(TestCertificates certificates, Path serverKeystore, Map<String, String> passwords) {
        this.certificates = certificates;
        this.serverKeystore = serverKeystore;
        this.passwords = passwords;
    }

    /** Generates the TLS material in {@code directory} and a password per user. */
    static KafkaSecurity generate(Path directory) {
        TestCertificates certificates = TestCertificates.generate(directory);
        Path keystore = directory.resolve("server-keystore.pem");
        try {
            Files.writeString(keystore, Files.readString(certificates.serverKey())
                    + Files.readString(certificates.serverCert()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + keystore, e);
        }
        SecureRandom random = new SecureRandom();
        Map<String, String> passwords = new LinkedHashMap<>();
        List<String> users = new ArrayList<>(List.of(ADMIN, INTRUDER));
        users.addAll(TopicOwners.principals());
        for (String user : users) {
            byte[] secret = new byte[16];
            random.nextBytes(secret);
            passwords.put(user, HexFormat.of().formatHex(secret));
        }
        return new KafkaSecurity(certificates, keystore, Map.copyOf(passwords));
    }

    /** The users: {@value #ADMIN}, {@value #INTRUDER} and one per principal of {@link TopicOwners#principals()}. */
    public List<String> users() {
        return List.copyOf(passwords.keySet());
    }

    /** The CA certificate clients trust (PEM). */
    public Path caFile() {
        return certificates.caFile();
    }

    /**
     * The {@code kafka.*} client settings (without the prefix and without {@code bootstrap.servers}) of
     * {@code user}: SASL_SSL, SCRAM-SHA-512, its JAAS config with its password, the CA as a PEM trust store.
     */
    public Map<String, Object> clientSettings(String user) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("security.protocol", LISTENER);
        settings.put("sasl.mechanism", MECHANISM);
        settings.put("sasl.jaas.config", jaasConfig(user));
        settings.put("ssl.truststore.type", "PEM");
        settings.put("ssl.truststore.location", certificates.caFile().toString());
        return settings;
    }

    /**
     * The environment of a Quarkus app (a service, the console) running as {@code user}: its {@link #clientSettings}
     * as the variables Quarkus maps to {@code kafka.*} ({@code sasl.jaas.config} becomes
     * {@code KAFKA_SASL_JAAS_CONFIG}), so that no secret is on a command line.
     */
    public Map<String, String> environment(String user) {
        Map<String, String> environment = new LinkedHashMap<>();
        clientSettings(user).forEach((key, value) -> environment.put(
                "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), String.valueOf(value)));
        return environment;
    }

    /**
     * Writes the {@link #clientSettings} of {@code user} to {@code file} as a properties file readable by its owner
     * only (it holds the password), as the CLI's {@code --kafka-config} takes it; returns {@code file}.
     */
    public Path writeClientProperties(String user, Path file) {
        Properties properties = new Properties();
        clientSettings(user).forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "Kafka client settings of User:" + user);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The SCRAM login line of {@code user}: the value of {@code sasl.jaas.config} (holds its password). */
    public String jaasConfig(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such user: " + user);
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The {@code --add-scram} arguments of the formatter: every user's credentials. */
    List<String> scramArguments() {
        return passwords.entrySet().stream()
                .map(user -> MECHANISM + "=[name=" + user.getKey() + ",password=" + user.getValue() + "]").toList();
    }

    /** The server properties replacing the plain-text listener with SASL_SSL and turning on the authorizer. */
    Properties serverProperties(int brokerPort, int controllerPort) {
        String host = KafkaBrokerConfig.HOST;
        String controller = KafkaBrokerConfig.CONTROLLER_LISTENER;
        Properties props = new Properties();
        props.setProperty("listeners", LISTENER + "://" + host + ":" + brokerPort + "," + controller + "://" + host
                + ":" + controllerPort);
        props.setProperty("advertised.listeners", LISTENER + "://" + host + ":" + brokerPort);
        props.setProperty("listener.security.protocol.map", LISTENER + ":SASL_SSL," + controller + ":PLAINTEXT");
        props.setProperty("inter.broker.listener.name", LISTENER);
        props.setProperty("sasl.enabled.mechanisms", MECHANISM);
        props.setProperty("sasl.mechanism.inter.broker.protocol", MECHANISM);
        props.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaasConfig(ADMIN));
        props.setProperty("ssl.keystore.type", "PEM");
        props.setProperty("ssl.keystore.location", serverKeystore.toString());
        props.setProperty("ssl.truststore.type", "PEM");
        props.setProperty("ssl.truststore.location", certificates.caFile().toString());
        props.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.setProperty("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        props.setProperty("allow.everyone.if.no.acl.found", "false");
        return props;
    }

    /**
     * The ACLs of {@link TopicOwners}: each service writes its own topics and {@code revive.dlq} and reads its inputs;
     * the CLI writes {@code revive.clusters} and reads what it shows; the console only reads.
     */
    static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        for (String name : TopicOwners.principals()) {
            TopicOwners.Access access = TopicOwners.of(name);
            String principal = "User:" + name;
            TopicOwners.topicsWrittenBy(name).forEach(topic -> acls.add(allow(principal, ResourceType.TOPIC, topic,
                    PatternType.LITERAL, AclOperation.WRITE)));
            access.reads().forEach(topic -> acls.add(allow(principal, ResourceType.TOPIC, topic,
                    PatternType.LITERAL, AclOperation.READ)));
            if (!access.groupPrefix().isEmpty()) {
                acls.add(allow(principal, ResourceType.GROUP, access.groupPrefix(), PatternType.PREFIXED,
                        AclOperation.READ));
            }
            if (!access.transactionalPrefix().isEmpty()) {
                acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, access.transactionalPrefix(),
                        PatternType.PREFIXED, AclOperation.WRITE));
            }
            if (!access.internalTopicPrefix().isEmpty()) {
                acls.add(allow(principal, ResourceType.TOPIC, access.internalTopicPrefix(), PatternType.PREFIXED,
                        AclOperation.ALL));
            }
        }
        return acls;
    }

    /** Creates {@link #acls()} through {@code admin} (the super user) and waits for the broker to accept them. */
    static void applyAcls(Admin admin) {
        try {
            admin.createAcls(acls()).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw Interrupts.propagate("cannot create the ACLs", e);
        }
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
