package dev.revive.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The console's settings ({@code revive.console.*}); Kafka's come from the {@code kafka.*} properties. */
@ConfigMapping(prefix = "revive.console")
public interface ConsoleConfig {

    /** The planner's base URL, where approvals and rejections are forwarded (e.g. {@code http://planner:8182}). */
    String plannerUrl();

    /** How many incidents, reports, dead letters and MTTR points per cluster the console keeps (the newest). */
    @WithDefault("200")
    int recent();

    /** How long one poll of the topics waits for records. */
    @WithDefault("PT0.2S")
    Duration pollTimeout();

    /** The bound of one call to the planner (connect and answer). */
    @WithDefault("PT5S")
    Duration plannerTimeout();
}
