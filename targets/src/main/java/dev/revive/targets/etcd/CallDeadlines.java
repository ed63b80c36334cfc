package dev.revive.targets.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Puts a gRPC deadline on every call, so that a call to a hung member ends in the transport
 * itself. Without it jetcd's per-member calls ({@code statusMember}, {@code hashKV}) keep their
 * channel open until the member answers, and probing a hung member leaks a channel per probe.
 * Streaming calls (snapshots) get the longer deadline.
 */
final class CallDeadlines implements ClientInterceptor {

    private final Duration unary;
    private final Duration streaming;

    CallDeadlines(Duration unary, Duration streaming) {
        this.unary = unary;
        this.streaming = streaming;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Duration deadline = method.getType() == MethodDescriptor.MethodType.UNARY ? unary : streaming;
        CallOptions bounded = options.getDeadline() == null
                ? options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                : options;
        return next.newCall(method, bounded);
    }
}
