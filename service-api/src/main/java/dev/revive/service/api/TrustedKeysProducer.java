package dev.revive.service.api;

import dev.revive.contracts.trust.TrustedKeys;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operators' public keys of {@code revive.trust.public-keys} (several, for rotation: key files, directories of
 * {@code *.pub} files, or base64 keys). There is no default: a service without a trusted key refuses to start,
 * because it could never use a cluster spec.
 */
@Singleton
public class TrustedKeysProducer {

    @Produces
    @Singleton
    TrustedKeys trustedKeys(@ConfigProperty(name = TrustedKeys.CONFIG_KEY) List<String> keys) {
        return TrustedKeys.load(keys);
    }
}
