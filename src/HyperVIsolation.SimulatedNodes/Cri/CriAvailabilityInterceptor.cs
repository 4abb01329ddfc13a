using Grpc.Core;
using Grpc.Core.Interceptors;

namespace HyperVIsolation.SimulatedNodes.Cri;

/// <summary>
/// Fails every CRI call with <see cref="StatusCode.Unavailable"/> while the node's containerd is
/// restarting (<see cref="SimulatedCriRuntimeState.UnavailableUntil"/>), checked per call so the
/// server serves again, with the same tables, the moment the window ends. Real containerd is simply
/// gone from its socket then; a client sees the same status code either way.
/// </summary>
internal sealed class CriAvailabilityInterceptor(SimulatedCriRuntimeState state, TimeProvider timeProvider) : Interceptor
{
    // Every RuntimeService method in the subset is unary, so only unary calls need the check.
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (state.IsUnavailableAt(timeProvider.GetUtcNow()))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "connection error: containerd is restarting"));
        }

        return continuation(request, context);
    }
}
