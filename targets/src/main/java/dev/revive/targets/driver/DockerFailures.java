package dev.revive.targets.driver;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.revive.contracts.cluster.DockerControl;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns a failed Docker Engine API call into a {@link TargetException}, by type: an answer with an error status
 * is {@code FAILED} (a missing container says so), no answer in time is {@code TIMEOUT}, an engine that cannot be
 * reached (refused, no route, no such host, no socket file) is {@code REFUSED}; anything else is {@code FAILED}.
 */
final class DockerFailures {

    private DockerFailures() {
    }

    /**
     * @param what     the call, in words: {@code stop container etcd-a on unix:///...}
     * @param endpoint the engine's endpoint: a {@code unix://} socket file that does not exist is an engine not there
     * @param failure  what the client threw
     */
    static TargetException classify(String what, String endpoint, RuntimeException failure) {
        if (failure instanceof TargetException known) {
            return known;
        }
        if (failure instanceof NotFoundException) {
            return new TargetException(Kind.FAILED, what + ": no such container (the docker driver never creates one)",
                    failure);
        }
        if (failure instanceof DockerException answered) {
            return new TargetException(Kind.FAILED, what + ": the engine answered " + answered.getHttpStatus() + " "
                    + firstLine(answered.getMessage()), failure);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return new TargetException(Kind.TIMEOUT, what + ": no answer from the engine in time (" + cause + ")",
                        failure);
            }
            if (cause instanceof ConnectException || cause instanceof NoSuchFileException
                    || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
                    || cause instanceof SocketException && socketMissing(endpoint)) {
                return new TargetException(Kind.REFUSED, what + ": cannot reach the engine (" + cause + ")", failure);
            }
        }
        return new TargetException(Kind.FAILED, what + ": " + failure, failure);
    }

    private static boolean socketMissing(String endpoint) {
        return endpoint.startsWith(DockerControl.UNIX)
                && !Files.exists(Path.of(endpoint.substring(DockerControl.UNIX.length())));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
