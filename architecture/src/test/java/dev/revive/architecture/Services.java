package dev.revive.architecture;

import java.util.List;

/**
 * The services the kind rules apply to: their root packages, and the one package where Revive's own
 * coordination etcd (not a target) may be reached through jetcd.
 *
 * @param roots        the services' root packages, e.g. {@code dev.revive.detector}
 * @param coordination the root of the package allowed to use jetcd, e.g. {@code dev.revive.executor.lock}
 */
public record Services(List<String> roots, String coordination) {

    /** Revive's five services (the console among them); the executor's lock talks to Revive's own etcd. */
    public static final Services REVIVE = new Services(
            List.of("dev.revive.detector", "dev.revive.planner", "dev.revive.executor", "dev.revive.verifier",
                    "dev.revive.console"),
            "dev.revive.executor.lock");

    public Services {
        roots = List.copyOf(roots);
    }

    /** Every service's package and its subpackages, as ArchUnit package identifiers. */
    public String[] packages() {
        return roots.stream().map(Services::withSubpackages).toArray(String[]::new);
    }

    /** The packages of every service except {@code root}. */
    public String[] packagesOtherThan(String root) {
        return roots.stream().filter(other -> !other.equals(root)).map(Services::withSubpackages).toArray(String[]::new);
    }

    static String withSubpackages(String root) {
        return root + "..";
    }
}
