package dev.revive.console;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Produces the one {@link ConsoleModel} of the application, sized by {@code revive.console.recent}. */
public class ConsoleBeans {

    @Produces
    @Singleton
    ConsoleModel model(ConsoleConfig config) {
        return new ConsoleModel(config.recent());
    }
}
