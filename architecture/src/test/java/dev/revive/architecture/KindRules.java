package dev.revive.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import dev.revive.contracts.cluster.SystemKind;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules that keep kinds plug-ins: a service asks the registries ({@code TargetKinds}, {@code Runbooks})
 * and never names a concrete kind, its adapter, its runbook or its client library; and no service reaches
 * into another. Built for any {@link Services} so that the same rules run on the real services and on fixtures.
 */
public final class KindRules {

    /**
     * The packages of the concrete kinds' adapters and runbooks, and of the client libraries only a kind uses (Lettuce:
     * Redis; jetcd has its own rule, Revive's coordination uses it).
     */
    static final String[] CONCRETE_KIND_PACKAGES = {
        "dev.revive.targets.etcd..", "dev.revive.targets.generic..", "dev.revive.targets.kafka..",
        "dev.revive.targets.connect..", "dev.revive.targets.redis..", "dev.revive.runbooks.etcd..",
        "dev.revive.runbooks.generic..", "dev.revive.runbooks.kafka..", "dev.revive.runbooks.connect..",
        "dev.revive.runbooks.redis..", "io.lettuce.."};
    /** etcd's Java client. */
    static final String JETCD = "io.etcd.jetcd..";

    private static final Set<String> KIND_CONSTANTS =
            Arrays.stream(SystemKind.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private KindRules() {
    }

    /** Every rule, for {@code services}. */
    public static List<ArchRule> all(Services services) {
        return List.of(noConcreteKindPackage(services), noSystemKindConstant(services),
                noJetcdOutsideCoordination(services), noServiceDependsOnAnother(services));
    }

    /** No service class depends on a concrete kind's targets or runbooks package. */
    public static ArchRule noConcreteKindPackage(Services services) {
        return noClasses().that().resideInAnyPackage(services.packages())
                .should().dependOnClassesThat().resideInAnyPackage(CONCRETE_KIND_PACKAGES)
                .because("services look a kind up in the registries (TargetKinds, Runbooks); adding a kind must not "
                        + "touch a service class");
    }

    /** No service class reads a constant of {@link SystemKind}: that is a branch on a kind, whatever its shape. */
    public static ArchRule noSystemKindConstant(Services services) {
        return noClasses().that().resideInAnyPackage(services.packages())
                .should().accessFieldWhere(KIND_CONSTANT)
                .because("naming SystemKind.ETCD (an ==, an equals, a switch case) is a branch on a kind; pass "
                        + "spec.kind() to a registry instead");
    }

    /** No service class uses jetcd, except the coordination package (Revive's own lock etcd, not a target). */
    public static ArchRule noJetcdOutsideCoordination(Services services) {
        return noClasses().that().resideInAnyPackage(services.packages())
                .and().resideOutsideOfPackage(Services.withSubpackages(services.coordination()))
                .should().dependOnClassesThat().resideInAPackage(JETCD)
                .because("jetcd is etcd's client: talking to a target etcd belongs in targets.etcd; only "
                        + services.coordination() + " may use it, for Revive's own coordination etcd");
    }

    /** No service depends on another service's classes. */
    public static ArchRule noServiceDependsOnAnother(Services services) {
        List<ArchRule> perService = services.roots().stream().map(root -> (ArchRule) noClasses()
                .that().resideInAPackage(Services.withSubpackages(root))
                .should().dependOnClassesThat().resideInAnyPackage(services.packagesOtherThan(root)))
                .toList();
        CompositeArchRule rule = CompositeArchRule.of(perService.get(0));
        for (ArchRule next : perService.subList(1, perService.size())) {
            rule = rule.and(next);
        }
        return rule.because("services talk only through Kafka topics and share only contracts, runbooks and targets");
    }

    private static final DescribedPredicate<JavaFieldAccess> KIND_CONSTANT =
            new DescribedPredicate<>("a constant of " + SystemKind.class.getName()) {
                @Override
                public boolean test(JavaFieldAccess access) {
                    return access.getTargetOwner().isEquivalentTo(SystemKind.class)
                            && KIND_CONSTANTS.contains(access.getTarget().getName());
                }
            };
}
