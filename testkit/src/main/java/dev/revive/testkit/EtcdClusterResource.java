package dev.revive.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an {@link EtcdCluster} for a {@code @QuarkusTest} and hands its client URLs to the
 * application.
 *
 * <p>Init args: {@value #MEMBERS} (default {@value #DEFAULT_MEMBERS}) and {@value #PROPERTY}, the
 * config key that receives the comma-separated client URLs (default {@value #DEFAULT_PROPERTY}).
 * A test field of type {@link EtcdCluster} annotated with {@link InjectEtcdCluster} receives the
 * cluster.
 */
public class EtcdClusterResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: number of members. */
    public static final String MEMBERS = "members";
    /** Init arg: config key for the endpoints. */
    public static final String PROPERTY = "property";
    /** Members started when {@value #MEMBERS} is not given. */
    public static final String DEFAULT_MEMBERS = "3";
    /** Config key used when {@value #PROPERTY} is not given. */
    public static final String DEFAULT_PROPERTY = "revive.test.etcd.endpoints";

    private int members = Integer.parseInt(DEFAULT_MEMBERS);
    private String property = DEFAULT_PROPERTY;
    private EtcdCluster cluster;

    @Override
    public void init(Map<String, String> initArgs) {
        members = Integer.parseInt(initArgs.getOrDefault(MEMBERS, DEFAULT_MEMBERS).trim());
        property = initArgs.getOrDefault(PROPERTY, DEFAULT_PROPERTY).trim();
    }

    @Override
    public Map<String, String> start() {
        cluster = EtcdCluster.start(members);
        return Map.of(property, String.join(",", cluster.endpoints()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(cluster,
            new TestInjector.AnnotatedAndMatchesType(InjectEtcdCluster.class, EtcdCluster.class));
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The running cluster, or {@code null} before {@link #start()}. */
    public EtcdCluster cluster() {
        return cluster;
    }
}
