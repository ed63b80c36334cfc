package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A check declared in a spec, for kinds without a deep plug-in ({@code generic}): how to ask every
 * node, and what its answer must be. Checks with {@code probe} set are also the detector's probe.
 *
 * @param name        the check's name in reports
 * @param type        how a node is asked
 * @param endpoint    which endpoint of the node is asked: {@code client} (default) or {@code peer}
 * @param path        HTTP: the request path (default {@code /})
 * @param status      HTTP: the expected status code (default 200)
 * @param send        FOUR_LETTER: the word sent (e.g. {@code ruok}, {@code mntr}, {@code srvr})
 * @param field       the answer field compared: a JSON pointer for HTTP ({@code /health}), a key of a
 *                    {@code key<TAB>value} or {@code Key: value} line for FOUR_LETTER; null compares the whole answer
 * @param expect      a regular expression the field (or the whole answer) must match; null: any answer
 * @param command     COMMAND: the program and its arguments (the first an absolute path), run without a shell
 * @param exitCode    COMMAND: the expected exit code (default 0)
 * @param aggregate   how the nodes' answers combine into the check's result
 * @param maxLag      CAUGHT_UP: how far a node's numeric field may trail the highest one (default 0)
 * @param probe       true when the detector probes nodes with this check (default: true for EVERY_NODE checks)
 */
public record CheckSpec(
        String name, Type type, String endpoint, String path, Integer status, String send, String field,
        String expect, List<String> command, Integer exitCode, Aggregate aggregate, Long maxLag, Boolean probe) {

    /** How a node is asked. */
    public enum Type {
        /** HTTP GET; status and optionally a JSON field. */
        HTTP,
        /** A TCP connect that succeeds. */
        TCP,
        /** A four-letter word over TCP (ZooKeeper's {@code ruok}, {@code mntr}, {@code srvr}). */
        FOUR_LETTER,
        /** A command started from an argument list, with its expected exit code. */
        COMMAND
    }

    /** How the nodes' answers combine. */
    public enum Aggregate {
        /** Every node must answer as expected. */
        EVERY_NODE,
        /**
         * Exactly one node's field matches {@code expect} (one leader); every node must answer. Needs
         * {@code field} and {@code expect}.
         */
        EXACTLY_ONE,
        /** Every node's numeric field (decimal or 0x hex) is within {@code maxLag} of the highest one. */
        CAUGHT_UP
    }

    public CheckSpec {
        Check.id("name", name);
        Check.required("type", type);
        endpoint = endpoint == null ? "client" : endpoint;
        if (!endpoint.equals("client") && !endpoint.equals("peer")) {
            throw new ContractViolation("endpoint", Reason.INVALID_VALUE, "must be 'client' or 'peer' but was '"
                    + endpoint + "'");
        }
        path = path == null ? "/" : path;
        if (!path.startsWith("/")) {
            throw new ContractViolation("path", Reason.INVALID_VALUE, "must start with '/'");
        }
        status = status == null ? 200 : status;
        Check.between("status", status, 100, 599);
        Check.optionalText("send", send);
        if (type == Type.FOUR_LETTER && (send == null || !send.matches("[a-z]{4}"))) {
            throw new ContractViolation("send", Reason.INVALID_VALUE, "must be a four-letter word such as 'ruok'");
        }
        Check.optionalText("field", field);
        Check.optionalText("expect", expect);
        if (expect != null) {
            try {
                Pattern.compile(expect);
            } catch (PatternSyntaxException e) {
                throw new ContractViolation("expect", Reason.INVALID_VALUE, "is not a regular expression: "
                        + e.getDescription());
            }
        }
        command = Check.list("command", command, (f, argument) -> {
            Check.text(f, argument);
            if (argument.indexOf('\0') >= 0) {
                throw new ContractViolation(f, Reason.INVALID_VALUE, "must not contain NUL characters");
            }
        });
        if (type == Type.COMMAND) {
            if (command.isEmpty()) {
                throw new ContractViolation("command", Reason.MISSING_FIELD, "must name at least the program");
            }
            Check.absolutePath("command[0]", command.get(0));
        }
        exitCode = exitCode == null ? 0 : exitCode;
        aggregate = aggregate == null ? Aggregate.EVERY_NODE : aggregate;
        if (aggregate != Aggregate.EVERY_NODE && field == null) {
            throw new ContractViolation("field", Reason.MISSING_FIELD, "is required for aggregate " + aggregate);
        }
        if (aggregate == Aggregate.EXACTLY_ONE && expect == null) {
            throw new ContractViolation("expect", Reason.MISSING_FIELD,
                    "is required for aggregate EXACTLY_ONE (without it every answering node matches)");
        }
        maxLag = maxLag == null ? 0L : maxLag;
        Check.atLeast("maxLag", maxLag, 0);
        probe = probe == null ? aggregate == Aggregate.EVERY_NODE : probe;
        if (probe && aggregate != Aggregate.EVERY_NODE) {
            throw new ContractViolation("probe", Reason.INVALID_VALUE, "only EVERY_NODE checks can probe one node");
        }
    }

    /** A probe of one node: true when the detector uses it. */
    public boolean probes() {
        return probe;
    }
}
