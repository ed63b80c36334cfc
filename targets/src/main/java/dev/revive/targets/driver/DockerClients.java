package dev.revive.targets.driver;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.revive.contracts.cluster.DockerControl;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The docker driver's Engine API clients, one per endpoint and response timeout, at most {@link #MAX_CLIENTS} (the
 * least recently used beyond that is closed). Every client bounds its calls: a connect timeout, and a response
 * timeout that is the call timeout, plus the grace period for a stop (the engine answers a stop only once the
 * container is down).
 */
final class DockerClients implements AutoCloseable {

    /** The endpoint when neither the spec nor {@code DOCKER_HOST} names one. */
    static final String DEFAULT_ENDPOINT = DockerControl.UNIX + "/var/run/docker.sock";
    /** The most clients kept open. */
    static final int MAX_CLIENTS = 32;

    private static final Logger LOG = Logger.getLogger(DockerClients.class);
    private static final int MAX_CONNECTIONS = 8;

    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final Map<String, String> environment;
    private final Map<Key, DockerClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, DockerClient> eldest) {
            if (size() <= MAX_CLIENTS) {
                return false;
            }
            closeQuietly(eldest.getKey(), eldest.getValue());
            return true;
        }
    };

    /**
     * @param connectTimeout the bound of each connect to the engine
     * @param callTimeout    the bound of each answer of the engine
     * @param environment    where {@code DOCKER_HOST} is looked up (the process's environment)
     */
    DockerClients(Duration connectTimeout, Duration callTimeout, Map<String, String> environment) {
        this.connectTimeout = connectTimeout;
        this.callTimeout = callTimeout;
        this.environment = Map.copyOf(environment);
    }

    /** The call timeout every answer is bounded by. */
    Duration callTimeout() {
        return callTimeout;
    }

    /** The Engine API of {@code control}: its own endpoint, else {@code DOCKER_HOST}, else the default socket. */
    String endpoint(DockerControl control) {
        return endpoint(control, environment);
    }

    /** As {@link #endpoint(DockerControl)}, with {@code DOCKER_HOST} looked up in {@code environment}. */
    static String endpoint(DockerControl control, Map<String, String> environment) {
        if (control.endpoint() != null) {
            return control.endpoint();
        }
        String configured = environment.get("DOCKER_HOST");
        return configured == null || configured.isBlank() ? DEFAULT_ENDPOINT : configured.strip();
    }

    /** The client for {@code control}'s endpoint whose answers are bounded by the call timeout. */
    DockerClient client(DockerControl control) {
        return client(control, Duration.ZERO);
    }

    /** The client for {@code control}'s endpoint whose answers may take {@code longer} more than the call timeout. */
    synchronized DockerClient client(DockerControl control, Duration longer) {
        Key key = new Key(endpoint(control), callTimeout.plus(longer));
        return clients.computeIfAbsent(key, this::open);
    }

    private DockerClient open(Key key) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(key.endpoint())
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(connectTimeout)
                .responseTimeout(key.responseTimeout())
                .build();
        LOG.debugf("Docker Engine API client for %s, response timeout %s", key.endpoint(), key.responseTimeout());
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public synchronized void close() {
        clients.forEach(DockerClients::closeQuietly);
        clients.clear();
    }

    private static void closeQuietly(Key key, DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debugf("closing the Docker Engine API client for %s: %s", key.endpoint(), e);
        }
    }

    private record Key(String endpoint, Duration responseTimeout) {
    }
}
