using Grpc.Core;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Cri.V1;

// The server base is generated in this project and its static container class also exists in the
// node agent's generated client; the local one is the one meant here.
#pragma warning disable CS0436

namespace HyperVIsolation.SimulatedNodes.Cri;

/// <summary>
/// The CRI <c>RuntimeService</c> subset served by a simulated node, backed by
/// <see cref="SimulatedCriRuntimeState"/>. Errors follow containerd: unknown ids are
/// <see cref="StatusCode.NotFound"/>, a Linux-only update on Windows is <see cref="StatusCode.InvalidArgument"/>.
/// </summary>
public sealed class SimulatedCriRuntimeService(SimulatedCriRuntimeState state, TimeProvider timeProvider)
    : RuntimeService.RuntimeServiceBase
{
    /// <inheritdoc />
    public override Task<VersionResponse> Version(VersionRequest request, ServerCallContext context) =>
        Task.FromResult(new VersionResponse
        {
            Version = "0.1.0",
            RuntimeName = state.RuntimeName,
            RuntimeVersion = state.RuntimeVersion,
            RuntimeApiVersion = CriRuntimeClient.ApiVersion,
        });

    /// <inheritdoc />
    public override Task<ListPodSandboxResponse> ListPodSandbox(ListPodSandboxRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new ListPodSandboxResponse();
        response.Items.AddRange(state.ListSandboxes(request.Filter).Select(SimulatedCriMessages.ToPodSandbox));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<PodSandboxStatusResponse> PodSandboxStatus(PodSandboxStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sandbox = state.FindSandbox(request.PodSandboxId)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"an error occurred when try to find sandbox: not found: {request.PodSandboxId}"));
        return Task.FromResult(new PodSandboxStatusResponse
        {
            Status = SimulatedCriMessages.ToPodSandboxStatus(sandbox),
            Timestamp = SimulatedCriMessages.UnixNanoseconds(timeProvider.GetUtcNow()),
        });
    }

    /// <inheritdoc />
    public override Task<ListContainersResponse> ListContainers(ListContainersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new ListContainersResponse();
        response.Containers.AddRange(state.ListContainers(request.Filter).Select(SimulatedCriMessages.ToContainer));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<UpdateContainerResourcesResponse> UpdateContainerResources(UpdateContainerResourcesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.FindContainer(request.ContainerId) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"failed to find container: not found: {request.ContainerId}"));
        }

        if (request.Windows is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "windows resources must be set for a Windows container"));
        }

        state.UpdateWindowsResources(request.ContainerId, request.Windows);
        return Task.FromResult(new UpdateContainerResourcesResponse());
    }
}
