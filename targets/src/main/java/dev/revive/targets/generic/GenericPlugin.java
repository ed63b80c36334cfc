package dev.revive.targets.generic;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.targets.kind.AbstractKindPlugin;
import dev.revive.targets.kind.TargetSettings;
import java.util.Map;

/**
 * Systems known only through the checks their spec declares (HTTP, TCP, four-letter words, commands): one
 * {@link NodeAsker} (every call bounded by the call timeout) behind the probe, the status reader and the checks.
 * The kind has no action handlers of its own.
 */
public final class GenericPlugin extends AbstractKindPlugin {

    public GenericPlugin(TargetSettings settings) {
        this(new NodeAsker(settings.callTimeout()));
    }

    private GenericPlugin(NodeAsker asker) {
        super(SystemKind.GENERIC, new GenericProbe(asker), new GenericStatusReader(asker), new GenericChecks(asker),
                Map.of());
    }
}
