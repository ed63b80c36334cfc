package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.net.URI;

/**
 * Where a node answers.
 *
 * @param client the client URL (etcd: {@code http://host:2379})
 * @param peer   the peer URL, or null where the system has none
 */
public record Endpoints(String client, String peer) {

    public Endpoints {
        url("client", client);
        if (peer != null) {
            url("peer", peer);
        }
    }

    private static void url(String field, String value) {
        Check.text(field, value);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 1) {
                throw new ContractViolation(field, Reason.INVALID_VALUE,
                        "must be a URL with scheme, host and port but was '" + value + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw new ContractViolation(field, Reason.INVALID_VALUE, "is not a URL: " + e.getReason());
        }
    }
}
