package dev.revive.testkit;

import java.nio.file.Path;
import java.util.Properties;

/** The server properties of the kit's single-node KRaft broker+controller. */
final class KafkaBrokerConfig {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String HOST = "127.0.0.1";

    private KafkaBrokerConfig() {
    }

    static Properties forNode(Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.putAll(kraft(controllerPort));
        props.putAll(listeners(brokerPort, controllerPort));
        props.putAll(singleNodeReplication());
        props.putAll(fastTests());
        props.setProperty("log.dirs", logDir.toString());
        return props;
    }

    private static Properties kraft(int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        return props;
    }

    private static Properties listeners(int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("listeners",
            "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        return props;
    }

    private static Properties singleNodeReplication() {
        Properties props = new Properties();
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "5");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("num.partitions", "1");
        props.setProperty("auto.create.topics.enable", "false");
        return props;
    }

    private static Properties fastTests() {
        Properties props = new Properties();
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "2");
        props.setProperty("background.threads", "2");
        props.setProperty("log.initial.task.delay.ms", "1000");
        props.setProperty("controlled.shutdown.enable", "true");
        props.setProperty("broker.session.timeout.ms", "6000");
        props.setProperty("broker.heartbeat.interval.ms", "500");
        props.setProperty("controller.quorum.election.timeout.ms", "500");
        props.setProperty("controller.quorum.fetch.timeout.ms", "1000");
        return props;
    }
}
